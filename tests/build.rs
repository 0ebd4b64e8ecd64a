//! Generates the metadata fixtures of `fixtures/` for the tests that need generated code other than
//! the flow-log SDK: ECS's `Tag.N.key`/`Tag.N.Key` case variants, declared in both orders.

fn main() {
    codegen::Builder::new()
        .metadata("fixtures/ecs_tags_lower_first.json")
        .metadata("fixtures/ecs_tags_lower_second.json")
        .run();
}
