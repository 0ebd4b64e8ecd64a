//! Paginators: streams of pages, for generated `..._pages` methods.
//!
//! Two styles exist in the APIs:
//!
//! - [`token_pages`]: `NextToken` / `MaxResults`; the next request carries the previous answer's
//!   token, and the last page has none;
//! - [`numbered_pages`]: `PageNumber` / `PageSize` / `TotalCount`; pages are numbered from the
//!   request's page (1 by default) until `page × size` reaches the total.
//!
//! Generated code supplies small closures: one that fetches a page for a request, one that
//! writes the token (or page number) into the request, one that reads the next token (or the
//! paging counters) from the answer. A failed page ends the stream after yielding its error.
//! The streams are not `Unpin`: pin them (`Box::pin`, `std::pin::pin!`) to call
//! `StreamExt::next`, or wrap them in [`Pages`], which has its own `next` and an item stream
//! ([`Pages::items`]): no `futures-util` needed on the caller's side. [`StreamExt`] and
//! [`TryStreamExt`] are re-exported for callers who want the combinators.
//!
//! ```
//! use alibabacloud_runtime::paginate;
//! use futures_util::StreamExt;
//!
//! #[derive(Clone, Default)]
//! struct ListRequest { next_token: Option<String> }
//! struct ListResponse { items: Vec<u32>, next_token: Option<String> }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let pages = paginate::token_pages(
//!     ListRequest::default(),
//!     |request: ListRequest| async move {
//!         // A real paginator calls the client here.
//!         Ok::<_, std::convert::Infallible>(match request.next_token.as_deref() {
//!             None => ListResponse { items: vec![1, 2], next_token: Some("t2".into()) },
//!             Some(_) => ListResponse { items: vec![3], next_token: None },
//!         })
//!     },
//!     |request: &mut ListRequest, token: String| request.next_token = Some(token),
//!     |response: &ListResponse| response.next_token.clone(),
//! );
//! let items: Vec<u32> = pages.map(|page| page.unwrap().items).concat().await;
//! assert_eq!(items, [1, 2, 3]);
//! # });
//! ```

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;
/// `next()` and the other combinators of streams, for reading pages (`pages.next().await`).
pub use futures_util::{StreamExt, TryStreamExt};

type Boxed<T, E> = Pin<Box<dyn Stream<Item = Result<T, E>> + Send>>;

/// A stream of pages, usable without any stream trait in scope: `while let Some(page) =
/// pages.next().await`. [`Pages::items`] flattens it into the items of every page.
///
/// ```
/// use alibabacloud_runtime::paginate::{self, Pages};
///
/// #[derive(Clone, Default)]
/// struct ListRequest { next_token: Option<String> }
/// struct ListResponse { items: Vec<u32>, next_token: Option<String> }
///
/// fn list_pages(request: ListRequest) -> Pages<ListResponse, std::io::Error> {
///     Pages::new(paginate::token_pages(
///         request,
///         |request: ListRequest| async move {
///             Ok(match request.next_token.as_deref() {
///                 None => ListResponse { items: vec![1, 2], next_token: Some("t2".into()) },
///                 Some(_) => ListResponse { items: vec![3], next_token: None },
///             })
///         },
///         |request: &mut ListRequest, token: String| request.next_token = Some(token),
///         |response: &ListResponse| response.next_token.clone(),
///     ))
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut pages = list_pages(ListRequest::default());
/// let mut sizes = Vec::new();
/// while let Some(page) = pages.next().await {
///     sizes.push(page.unwrap().items.len());
/// }
/// assert_eq!(sizes, [2, 1]);
///
/// let mut items = list_pages(ListRequest::default()).items(|page| page.items);
/// let mut all = Vec::new();
/// while let Some(item) = items.next().await {
///     all.push(item.unwrap());
/// }
/// assert_eq!(all, [1, 2, 3]);
/// assert_eq!(list_pages(ListRequest::default()).items(|page| page.items).try_collect().await.unwrap(), [1, 2, 3]);
/// # });
/// ```
pub struct Pages<T, E> {
    inner: Boxed<T, E>,
}

impl<T, E> std::fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pages")
    }
}

impl<T: 'static, E: 'static> Pages<T, E> {
    /// Wraps a page stream (what [`token_pages`] and [`numbered_pages`] return).
    pub fn new(pages: impl Stream<Item = Result<T, E>> + Send + 'static) -> Self {
        Pages { inner: Box::pin(pages) }
    }

    /// The next page; `None` after the last page or after an error.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        StreamExt::next(&mut self.inner).await
    }

    /// The items of every page, in order: `items_of` takes a page and returns its items (say
    /// `|page| page.flow_logs`). A failed page yields its error once, then the stream ends.
    pub fn items<I, It, F>(self, items_of: F) -> Items<I, E>
    where
        F: FnMut(T) -> It + Send + 'static,
        It: IntoIterator<Item = I> + 'static,
        It::IntoIter: Send + 'static,
        I: Send + 'static,
        E: Send,
    {
        Items { inner: Box::pin(items(self.inner, items_of)) }
    }

    /// Every page, or the first error.
    pub async fn try_collect(self) -> Result<Vec<T>, E> {
        TryStreamExt::try_collect(self.inner).await
    }
}

impl<T, E> Stream for Pages<T, E> {
    type Item = Result<T, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// A stream of the items of every page; see [`Pages::items`].
pub struct Items<I, E> {
    inner: Boxed<I, E>,
}

impl<I, E> std::fmt::Debug for Items<I, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Items")
    }
}

impl<I: 'static, E: 'static> Items<I, E> {
    /// The next item; `None` after the last one or after an error.
    pub async fn next(&mut self) -> Option<Result<I, E>> {
        StreamExt::next(&mut self.inner).await
    }

    /// Every item, or the first error.
    pub async fn try_collect(self) -> Result<Vec<I>, E> {
        TryStreamExt::try_collect(self.inner).await
    }
}

impl<I, E> Stream for Items<I, E> {
    type Item = Result<I, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Flattens a page stream into the items of its pages (what [`Pages::items`] does, for
/// generated code that returns `impl Stream`).
pub fn items<T, E, I, It, F>(
    pages: impl Stream<Item = Result<T, E>>,
    mut items_of: F,
) -> impl Stream<Item = Result<I, E>>
where
    F: FnMut(T) -> It,
    It: IntoIterator<Item = I>,
{
    pages.flat_map(move |page| match page {
        Ok(page) => futures_util::stream::iter(items_of(page).into_iter().map(Ok)).left_stream(),
        Err(e) => futures_util::stream::once(std::future::ready(Err(e))).right_stream(),
    })
}

/// Pages of a `NextToken`-style operation, starting from `request` as given.
///
/// After each page, `next_token` reads the token of the next one; an absent or empty token, or
/// the same token as the one just sent, ends the stream (so a service that repeats a token
/// cannot loop it forever).
pub fn token_pages<Req, Resp, E, Fut>(
    request: Req,
    fetch: impl FnMut(Req) -> Fut,
    set_token: impl FnMut(&mut Req, String),
    next_token: impl Fn(&Resp) -> Option<String>,
) -> impl Stream<Item = Result<Resp, E>>
where
    Req: Clone,
    Fut: Future<Output = Result<Resp, E>>,
{
    struct Pager<Req, S, N, F> {
        request: Option<Req>,
        token: Option<String>,
        set_token: S,
        next_token: N,
        fetch: F,
    }
    let pager = Pager { request: Some(request), token: None, set_token, next_token, fetch };
    futures_util::stream::unfold(pager, |mut pager| async move {
        let mut request = pager.request.take()?;
        if let Some(token) = &pager.token {
            (pager.set_token)(&mut request, token.clone());
        }
        match (pager.fetch)(request.clone()).await {
            Ok(response) => {
                match (pager.next_token)(&response) {
                    Some(token) if !token.is_empty() && Some(&token) != pager.token.as_ref() => {
                        pager.request = Some(request);
                        pager.token = Some(token);
                    }
                    _ => {}
                }
                Some((Ok(response), pager))
            }
            Err(e) => Some((Err(e), pager)),
        }
    })
}

/// The paging counters of one answer of a `PageNumber`-style operation. Fill in what the
/// answer has; `None` where it says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageCounters {
    /// The page number the service says it returned (`PageNumber`).
    pub page_number: Option<i64>,
    /// The page size the service used (`PageSize`).
    pub page_size: Option<i64>,
    /// The total number of items (`TotalCount`).
    pub total_count: Option<i64>,
    /// How many items this page holds, when the caller can count them.
    pub items: Option<usize>,
}

/// Only a total (`TotalCount`); the page size then comes from the request.
impl From<Option<u64>> for PageCounters {
    fn from(total_count: Option<u64>) -> Self {
        PageCounters::total(total_count.map(|t| i64::try_from(t).unwrap_or(i64::MAX)))
    }
}

/// Only a total (`TotalCount`); the page size then comes from the request.
impl From<Option<i64>> for PageCounters {
    fn from(total_count: Option<i64>) -> Self {
        PageCounters::total(total_count)
    }
}

impl PageCounters {
    /// Counters with only a total.
    pub fn total(total_count: Option<i64>) -> Self {
        PageCounters { total_count, ..PageCounters::default() }
    }

    /// Whether a page after `page` can exist, `size` being the page size requested (if any).
    fn has_more(&self, page: i64, size: Option<i64>) -> bool {
        if self.items == Some(0) {
            return false;
        }
        let page = self.page_number.unwrap_or(page);
        match (self.total_count, self.page_size.or(size)) {
            (Some(total), Some(size)) if size > 0 => page.saturating_mul(size) < total,
            (Some(total), _) => match self.items {
                // The service's default size is unknown: assume every page is as full as this one.
                Some(items) => (items as i64).saturating_mul(page) < total,
                None => false,
            },
            (None, Some(size)) if size > 0 => self.items.is_some_and(|items| items as i64 >= size),
            (None, _) => false,
        }
    }
}

/// Pages of a `PageNumber`-style operation.
///
/// `request_paging` reads `(page number, page size)` as set on the request: pages start from
/// that page (1 when unset), and the size stands in when an answer does not say its own.
/// `set_page` writes the page number into the request for every page after the first.
/// `counters` reads the paging counters of an answer: a [`PageCounters`], or just the total
/// (`Option<u64>`; then the page size must be set on the request, or only one page is read:
/// prefer full counters, with the answer's own `PageSize`). The stream ends when `page × size`
/// reaches the total, after an empty page, or, when nothing tells whether more pages exist
/// (no total, no counted items), after the current page: it never loops on a service that
/// ignores the page number.
pub fn numbered_pages<Req, Resp, E, Fut, C>(
    request: Req,
    fetch: impl FnMut(Req) -> Fut,
    request_paging: impl Fn(&Req) -> (Option<i64>, Option<i64>),
    set_page: impl FnMut(&mut Req, i64),
    counters: impl Fn(&Resp) -> C,
) -> impl Stream<Item = Result<Resp, E>>
where
    Req: Clone,
    Fut: Future<Output = Result<Resp, E>>,
    C: Into<PageCounters>,
{
    struct Pager<Req, S, C, F> {
        request: Option<Req>,
        page: i64,
        size: Option<i64>,
        first: bool,
        set_page: S,
        counters: C,
        fetch: F,
    }
    let (page, size) = request_paging(&request);
    let pager =
        Pager { request: Some(request), page: page.unwrap_or(1).max(1), size, first: true, set_page, counters, fetch };
    futures_util::stream::unfold(pager, |mut pager| async move {
        let mut request = pager.request.take()?;
        if !pager.first {
            (pager.set_page)(&mut request, pager.page);
        }
        pager.first = false;
        match (pager.fetch)(request.clone()).await {
            Ok(response) => {
                let counters: PageCounters = (pager.counters)(&response).into();
                if counters.has_more(pager.page, pager.size) {
                    pager.request = Some(request);
                    pager.page = pager.page.saturating_add(1);
                }
                Some((Ok(response), pager))
            }
            Err(e) => Some((Err(e), pager)),
        }
    })
}

#[cfg(test)]
#[path = "paginate_tests.rs"]
mod tests;
