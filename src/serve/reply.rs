//! The pieces of an HTTP response the preview's modules share.

use tiny_http::{Header, Response};

/// A header; gloss only ever sends ASCII ones.
pub(super) fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

/// `response` with its `Content-Type`.
pub(super) fn with_type<R: std::io::Read>(
    response: Response<R>,
    content_type: &str,
) -> Response<R> {
    response.with_header(header("Content-Type", content_type))
}
