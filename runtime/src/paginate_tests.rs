use std::sync::{Arc, Mutex};

use futures_util::StreamExt;

use super::*;

#[derive(Clone, Debug, Default, PartialEq)]
struct TokenRequest {
    max_results: Option<i64>,
    next_token: Option<String>,
}

#[derive(Debug)]
struct TokenResponse {
    items: Vec<i64>,
    next_token: Option<String>,
}

#[tokio::test]
async fn token_pages_follow_the_token_until_it_ends() {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = sent.clone();
    let pages = token_pages(
        TokenRequest { max_results: Some(2), next_token: None },
        move |request: TokenRequest| {
            log.lock().unwrap().push(request.clone());
            async move {
                let response = match request.next_token.as_deref() {
                    None => TokenResponse { items: vec![1, 2], next_token: Some("a".into()) },
                    Some("a") => TokenResponse { items: vec![3, 4], next_token: Some("b".into()) },
                    Some(_) => TokenResponse { items: vec![5], next_token: Some(String::new()) },
                };
                Ok::<_, String>(response)
            }
        },
        |r: &mut TokenRequest, t| r.next_token = Some(t),
        |r: &TokenResponse| r.next_token.clone(),
    );
    let items: Vec<i64> = pages.map(|p| p.unwrap().items).concat().await;
    assert_eq!(items, [1, 2, 3, 4, 5]);
    let sent = sent.lock().unwrap();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[1].next_token.as_deref(), Some("a"));
    assert!(sent.iter().all(|r| r.max_results == Some(2)));
}

#[tokio::test]
async fn a_repeated_token_or_an_error_ends_the_stream() {
    let repeating = token_pages(
        TokenRequest::default(),
        |_request: TokenRequest| async {
            Ok::<_, String>(TokenResponse { items: vec![1], next_token: Some("same".into()) })
        },
        |r: &mut TokenRequest, t| r.next_token = Some(t),
        |r: &TokenResponse| r.next_token.clone(),
    );
    assert_eq!(repeating.count().await, 2);

    let failing = token_pages(
        TokenRequest::default(),
        |request: TokenRequest| async move {
            match request.next_token {
                None => Ok(TokenResponse { items: vec![1], next_token: Some("t".into()) }),
                Some(_) => Err("boom".to_owned()),
            }
        },
        |r: &mut TokenRequest, t| r.next_token = Some(t),
        |r: &TokenResponse| r.next_token.clone(),
    );
    let results: Vec<_> = failing.collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err(), "boom");
}

#[derive(Clone, Debug, Default)]
struct PageRequest {
    page_number: Option<i64>,
    page_size: Option<i64>,
}

#[derive(Debug)]
struct PageResponse {
    items: Vec<i64>,
    page_number: Option<i64>,
    page_size: Option<i64>,
    total_count: Option<i64>,
}

/// A fake service: pages of `all`, 10 items by default.
fn page_of(all: &[i64], request: &PageRequest, with_total: bool) -> PageResponse {
    let size = request.page_size.unwrap_or(10);
    let page = request.page_number.unwrap_or(1);
    let items = all.iter().copied().skip(((page - 1) * size) as usize).take(size as usize).collect();
    PageResponse {
        items,
        page_number: Some(page),
        page_size: Some(size),
        total_count: with_total.then_some(all.len() as i64),
    }
}

#[derive(Clone, Copy)]
enum Counting {
    /// What generated code can read without knowing the item list: the three counters.
    Counters,
    /// Only the total (the page size comes from the request).
    TotalOnly,
    /// The counters and the number of items.
    WithItems,
}

async fn collect_pages(
    total: usize,
    request: PageRequest,
    with_total: bool,
    counting: Counting,
) -> (Vec<i64>, Vec<Option<i64>>) {
    let all: Vec<i64> = (1..=total as i64).collect();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let log = sent.clone();
    let pages = numbered_pages(
        request,
        move |request: PageRequest| {
            log.lock().unwrap().push(request.page_number);
            let page = page_of(&all, &request, with_total);
            async move { Ok::<_, String>(page) }
        },
        |r: &PageRequest| (r.page_number, r.page_size),
        |r: &mut PageRequest, n| r.page_number = Some(n),
        move |r: &PageResponse| match counting {
            Counting::Counters => PageCounters {
                page_number: r.page_number,
                page_size: r.page_size,
                total_count: r.total_count,
                items: None,
            },
            Counting::TotalOnly => r.total_count.map(|t| t as u64).into(),
            Counting::WithItems => PageCounters {
                page_number: r.page_number,
                page_size: r.page_size,
                total_count: r.total_count,
                items: Some(r.items.len()),
            },
        },
    );
    let items = pages.map(|p| p.unwrap().items).concat().await;
    let sent = sent.lock().unwrap().clone();
    (items, sent)
}

fn sized(size: Option<i64>) -> PageRequest {
    PageRequest { page_number: None, page_size: size }
}

#[tokio::test]
async fn page_numbers_stop_at_the_total() {
    let (items, sent) = collect_pages(7, sized(Some(3)), true, Counting::Counters).await;
    assert_eq!(items, (1..=7).collect::<Vec<_>>());
    assert_eq!(sent, [None, Some(2), Some(3)], "the first request is sent as given");
    // An exact multiple needs no empty extra page when the total is known.
    let (items, sent) = collect_pages(6, sized(Some(3)), true, Counting::Counters).await;
    assert_eq!(items.len(), 6);
    assert_eq!(sent.len(), 2);
    // The service's default size (10), read from the answer.
    let (items, sent) = collect_pages(25, sized(None), true, Counting::Counters).await;
    assert_eq!(items.len(), 25);
    assert_eq!(sent.len(), 3);
    // Only a total, with the size from the request.
    let (items, _) = collect_pages(7, sized(Some(3)), true, Counting::TotalOnly).await;
    assert_eq!(items.len(), 7);
    // Starting later skips the first pages.
    let start = PageRequest { page_number: Some(2), page_size: Some(3) };
    let (items, sent) = collect_pages(7, start, true, Counting::Counters).await;
    assert_eq!(items, [4, 5, 6, 7]);
    assert_eq!(sent, [Some(2), Some(3)]);
}

#[tokio::test]
async fn without_a_total_only_counted_items_continue() {
    let (items, sent) = collect_pages(7, sized(Some(3)), false, Counting::WithItems).await;
    assert_eq!(items.len(), 7);
    assert_eq!(sent.len(), 3, "the short third page ends it");
    let (items, sent) = collect_pages(6, sized(Some(3)), false, Counting::WithItems).await;
    assert_eq!(items.len(), 6);
    assert_eq!(sent.len(), 3, "the empty third page ends it");
    // Nothing tells whether more exist: one page, never a loop.
    let (items, sent) = collect_pages(7, sized(Some(3)), false, Counting::Counters).await;
    assert_eq!(items.len(), 3);
    assert_eq!(sent.len(), 1);
    let (items, sent) = collect_pages(0, sized(Some(3)), true, Counting::WithItems).await;
    assert!(items.is_empty());
    assert_eq!(sent.len(), 1);
}

#[test]
fn counters_decide_whether_more_pages_exist() {
    let c = |page_number, page_size, total_count, items| PageCounters { page_number, page_size, total_count, items };
    assert!(c(Some(1), Some(10), Some(11), None).has_more(1, None));
    assert!(!c(Some(2), Some(10), Some(11), None).has_more(2, None));
    assert!(c(None, None, Some(11), None).has_more(1, Some(10)));
    assert!(c(None, None, Some(5), Some(2)).has_more(1, None));
    assert!(!c(None, None, Some(5), None).has_more(1, None));
    assert!(!c(None, None, None, Some(2)).has_more(1, None));
    assert!(c(None, None, None, Some(2)).has_more(1, Some(2)));
    assert!(!c(Some(1), Some(10), Some(50), Some(0)).has_more(1, None));
}
