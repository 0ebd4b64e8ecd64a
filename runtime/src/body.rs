//! Bodies that are not buffered: [`Body`] for what a request uploads (an OSS object, an FC
//! invocation payload, an OCR image), [`ByteStream`] for what an answer downloads (`GetObject`).
//!
//! A [`Body`] made from bytes can be sent again, so the call is retried like any other; a body
//! made from a stream or a reader is sent as it is read and cannot be replayed, so that call is
//! attempted once. Protocols whose signature covers the body's hash (ACS3, SLS) read a streamed
//! body into memory first, as the official SDKs do; OSS signs `UNSIGNED-PAYLOAD` and streams it.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt as _;
use tokio::io::{AsyncRead, AsyncReadExt as _};

use crate::error::{TransportError, TransportErrorKind};

/// A boxed error of a body stream.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// The size of the chunks [`Body::from_reader`] reads.
pub const READ_CHUNK: usize = 64 * 1024;

/// A request body: bytes (replayable) or a stream of chunks (sent once, as it is read).
///
/// ```
/// use alibabacloud_runtime::body::Body;
/// let body = Body::from(b"hello".to_vec());
/// assert_eq!(body.length(), Some(5));
/// assert!(body.is_replayable());
/// ```
pub struct Body {
    inner: Inner,
}

enum Inner {
    Bytes(Bytes),
    Stream { stream: ChunkStream, length: Option<u64> },
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Bytes(bytes) => f.debug_struct("Body").field("bytes", &bytes.len()).finish(),
            Inner::Stream { length, .. } => f.debug_struct("Body").field("stream_length", length).finish(),
        }
    }
}

impl Body {
    /// A body of bytes.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        Body { inner: Inner::Bytes(bytes.into()) }
    }

    /// A body read from `stream` as it is sent. Give the `length` when known: it is sent as
    /// `content-length` (the stream must then yield exactly that many bytes); without it the body
    /// goes chunked.
    pub fn from_stream<S, E>(stream: S, length: Option<u64>) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        Body { inner: Inner::Stream { stream: Box::pin(stream.map(|item| item.map_err(Into::into))), length } }
    }

    /// A body read from `reader` in chunks of [`READ_CHUNK`] bytes as it is sent (a file, a
    /// pipe): the whole is never held in memory.
    pub fn from_reader<R>(reader: R, length: Option<u64>) -> Self
    where
        R: AsyncRead + Send + Unpin + 'static,
    {
        let stream = futures_util::stream::unfold(Some(reader), |reader| async move {
            let mut reader = reader?;
            let mut buffer = vec![0u8; READ_CHUNK];
            match reader.read(&mut buffer).await {
                Ok(0) => None,
                Ok(n) => {
                    buffer.truncate(n);
                    Some((Ok::<_, std::io::Error>(Bytes::from(buffer)), Some(reader)))
                }
                Err(e) => Some((Err(e), None)),
            }
        });
        Self::from_stream(stream, length)
    }

    /// The length, when known.
    pub fn length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes.len() as u64),
            Inner::Stream { length, .. } => *length,
        }
    }

    /// Whether the body can be sent again (bytes), so the call can be retried.
    pub fn is_replayable(&self) -> bool {
        matches!(self.inner, Inner::Bytes(_))
    }

    /// The bytes, reading a stream to its end.
    pub async fn into_bytes(self) -> Result<Bytes, BoxError> {
        match self.inner {
            Inner::Bytes(bytes) => Ok(bytes),
            Inner::Stream { mut stream, length } => {
                let mut out = Vec::with_capacity(length.unwrap_or(0).min(1 << 24) as usize);
                while let Some(chunk) = stream.next().await {
                    out.extend_from_slice(&chunk?);
                }
                Ok(Bytes::from(out))
            }
        }
    }

    /// The bytes, if the body is not a stream.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes),
            Inner::Stream { .. } => None,
        }
    }

    /// The body for one attempt: the bytes again, or the stream itself (taken, so a second call
    /// returns `None`).
    pub(crate) fn take_for_attempt(slot: &mut Option<Body>) -> Option<reqwest::Body> {
        match slot {
            Some(Body { inner: Inner::Bytes(bytes) }) => Some(reqwest::Body::from(bytes.clone())),
            Some(Body { inner: Inner::Stream { .. } }) => match slot.take() {
                Some(Body { inner: Inner::Stream { stream, .. } }) => Some(reqwest::Body::wrap_stream(stream)),
                _ => None,
            },
            None => None,
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from_bytes(bytes)
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from_bytes(bytes)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from_bytes(text)
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body::from_bytes(bytes)
    }
}

/// An answer's body, read as it arrives: a [`Stream`] of chunks.
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>,
    attempts: u32,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response, attempts: u32) -> Self {
        ByteStream { inner: Box::pin(response.bytes_stream()), attempts }
    }

    /// The next chunk; `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, TransportError>> {
        self.next().await
    }

    /// Reads the rest into memory.
    pub async fn collect_bytes(mut self) -> Result<Vec<u8>, TransportError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let attempts = self.attempts;
        self.inner.as_mut().poll_next(cx).map(|item| {
            item.map(|chunk| {
                chunk.map_err(|e| {
                    let kind = if e.is_timeout() { TransportErrorKind::Timeout } else { TransportErrorKind::Other };
                    TransportError::new(kind, attempts, e)
                })
            })
        })
    }
}
