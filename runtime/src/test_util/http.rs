//! The HTTP/1.1 plumbing of the protocol fakes: one request per connection, bodies by
//! `content-length` or `chunked`, read as they arrive (with a progress counter) and answered in
//! chunks that can wait at a [`Gate`], so tests can prove that neither side buffers a whole body.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// The largest request head read.
const MAX_HEAD: usize = 64 * 1024;
/// The size of the chunks answers are written in.
const WRITE_CHUNK: usize = 64 * 1024;

/// A barrier a test opens once: answers paused at it wait until then.
#[derive(Debug, Default)]
pub struct Gate {
    open: AtomicBool,
    notify: Notify,
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Arc<Self> {
        Arc::new(Gate::default())
    }

    /// Opens the gate (for good).
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Waits until the gate is open.
    pub async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.open.load(Ordering::SeqCst) {
                return;
            }
            notified.await;
        }
    }
}

/// A counter of body bytes received, which tests can wait on.
#[derive(Debug, Default)]
pub struct Progress {
    bytes: AtomicU64,
    notify: Notify,
}

impl Progress {
    /// The bytes received so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::SeqCst)
    }

    /// Waits until at least `bytes` were received.
    pub async fn reached(&self, bytes: u64) {
        loop {
            let notified = self.notify.notified();
            if self.bytes() >= bytes {
                return;
            }
            notified.await;
        }
    }

    fn add(&self, n: usize) {
        self.bytes.fetch_add(n as u64, Ordering::SeqCst);
        self.notify.notify_waiters();
    }
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    /// The method.
    pub method: String,
    /// The path as on the request line (percent-encoded).
    pub path: String,
    /// The raw query, without `?`.
    pub query: String,
    /// The headers, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The decoded query parameters.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        crate::sign::parse_pairs(&self.query)
    }

    /// A decoded query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_pairs().into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// An answer; the body is written in chunks, waiting at `pause` (after that many bytes) until the
/// gate opens.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The status.
    pub status: u16,
    /// The headers (`content-length` and `connection` are added).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Where to wait, and for what.
    pub pause: Option<(usize, Arc<Gate>)>,
}

impl HttpResponse {
    /// An answer with a body and a content type.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            pause: None,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(HttpRequest) -> Pin<Box<dyn Future<Output = HttpResponse> + Send>> + Send + Sync;

/// Listens on an ephemeral port of `127.0.0.1` and answers each request with `handler`; body
/// bytes received are counted in `progress`. The task stops when the returned handle is aborted.
pub async fn serve(
    handler: Arc<Handler>,
    progress: Arc<Progress>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (handler, progress) = (handler.clone(), progress.clone());
            tokio::spawn(async move {
                let _ = connection(stream, &*handler, &progress).await;
            });
        }
    });
    Ok((addr, task))
}

async fn connection(mut stream: TcpStream, handler: &Handler, progress: &Progress) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream, progress).await? else {
        return Ok(());
    };
    let response = handler(request).await;
    let mut head = format!(
        "HTTP/1.1 {} Status\r\ncontent-length: {}\r\nconnection: close\r\n",
        response.status,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    let mut written = 0;
    for chunk in response.body.chunks(WRITE_CHUNK) {
        if let Some((at, gate)) = &response.pause {
            if written >= *at {
                gate.wait().await;
            }
        }
        stream.write_all(chunk).await?;
        stream.flush().await?;
        written += chunk.len();
    }
    stream.shutdown().await
}

/// Reads one request (head, then the body by `content-length` or `chunked`), counting body bytes
/// in `progress`; `None` when the connection closes first or the head is too large.
pub(crate) async fn read_request(stream: &mut TcpStream, progress: &Progress) -> std::io::Result<Option<HttpRequest>> {
    let mut buffer = Vec::new();
    let mut chunk = vec![0u8; 16 * 1024];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > MAX_HEAD {
            return Ok(None);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let mut pending = buffer[head_end + 4..].to_vec();
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        read_chunked(stream, pending, progress).await?
    } else {
        let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        progress.add(pending.len().min(length));
        while pending.len() < length {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            pending.extend_from_slice(&chunk[..n]);
            progress.add(n);
        }
        pending.truncate(length);
        pending
    };
    Ok(Some(HttpRequest { method, path: path.to_owned(), query: query.to_owned(), headers, body }))
}

async fn read_chunked(stream: &mut TcpStream, mut pending: Vec<u8>, progress: &Progress) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        let line_end = loop {
            if let Some(end) = pending.windows(2).position(|w| w == b"\r\n") {
                break end;
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(body);
            }
            pending.extend_from_slice(&chunk[..n]);
        };
        let size_text = String::from_utf8_lossy(&pending[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "bad chunk size"))?;
        pending.drain(..line_end + 2);
        while pending.len() < size + 2 {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(body);
            }
            pending.extend_from_slice(&chunk[..n]);
        }
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&pending[..size]);
        progress.add(size);
        pending.drain(..size + 2);
    }
}
