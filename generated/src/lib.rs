//! The flow-log SDK (generated).
