//! Fetching feeds over HTTP(S), with ureq.
//!
//! Owns: the HTTP client's limits, and turning its failures into one-line warnings. Limits:
//! connect timeout, a timeout for the response to start and for each read, an overall
//! deadline, at most [`FetchOptions::max_redirects`] redirects (so a loop ends), a response
//! size limit that counts decompressed bytes (so a gzip bomb is refused too), gzip accepted,
//! and a `User-Agent` naming sahifa. HTTPS uses rustls with the Mozilla roots built in (no
//! system certificate store is needed). Imports std and ureq, and the store's own types.

use std::time::Duration;

use ureq::ResponseExt;

use super::feed_cache::{FeedCache, storable_header};
use super::load_warning::WarningKind;

/// Limits for one fetch, and where copies of feeds are kept. [`FetchOptions::default`] is
/// what the loaders use without a cache; tests shorten the timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Where the last copy of each feed is kept, to fetch it conditionally and to read it
    /// offline; `None`: every fetch is a full one and a failed fetch shows nothing.
    pub cache: Option<FeedCache>,
    /// Connecting (DNS and TCP/TLS) may take this long.
    pub connect_timeout: Duration,
    /// The response headers, and each later read, may take this long.
    pub read_timeout: Duration,
    /// The whole fetch, redirects included, may take this long.
    pub total_timeout: Duration,
    /// At most this many redirects are followed.
    pub max_redirects: u32,
    /// Responses over this many bytes (after decompression) are refused.
    pub max_bytes: u64,
}

/// The largest feed fetched: 32 MiB.
pub const MAX_FEED_BYTES: u64 = 32 * 1024 * 1024;

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            cache: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_bytes: MAX_FEED_BYTES,
        }
    }
}

/// The `User-Agent` header sent.
pub const USER_AGENT: &str = concat!(
    "sahifa/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; +https://crates.io/crates/sahifa)"
);

/// A fetched response body and the URL it finally came from (after redirects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// The URL the body came from.
    pub final_url: String,
}

/// The validators of a copy already held, sent so that the server may answer `304`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a conditional fetch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fresh {
    /// A new body, with the validators to send next time.
    Body(Fetched, Validators),
    /// `304 Not Modified`: the copy held is still current.
    NotModified,
}

/// Fetches `url` within `options`' limits.
pub fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched, WarningKind> {
    match fetch_unless_unchanged(url, options, &Validators::default())? {
        Fresh::Body(fetched, _) => Ok(fetched),
        // Only a request with validators can be answered 304.
        Fresh::NotModified => Err(WarningKind::HttpStatus { status: 304 }),
    }
}

/// Fetches `url` within `options`' limits, sending `held` (`If-None-Match`,
/// `If-Modified-Since`) so that an unchanged feed comes back as [`Fresh::NotModified`].
pub fn fetch_unless_unchanged(
    url: &str,
    options: &FetchOptions,
    held: &Validators,
) -> Result<Fresh, WarningKind> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(options.total_timeout))
        .timeout_connect(Some(options.connect_timeout))
        .timeout_recv_response(Some(options.read_timeout))
        .timeout_recv_body(Some(options.total_timeout))
        .timeout_per_read(Some(options.read_timeout))
        .max_redirects(options.max_redirects)
        .max_redirects_will_error(true)
        .user_agent(USER_AGENT)
        .accept(
            "application/rss+xml, application/atom+xml, application/feed+json, \
             application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5",
        )
        .http_status_as_error(true)
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut request = agent.get(url);
    if let Some(etag) = &held.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = &held.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = match request.call() {
        Ok(response) => response,
        Err(ureq::Error::StatusCode(304)) => return Ok(Fresh::NotModified),
        Err(error) => return Err(warning(error, options)),
    };
    if response.status() == 304 {
        return Ok(Fresh::NotModified);
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .and_then(storable_header)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let final_url = response.get_uri().to_string();
    let body = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(|e| warning(e, options))?;
    Ok(Fresh::Body(Fetched { body, final_url }, validators))
}

/// The warning for a failed fetch.
fn warning(error: ureq::Error, options: &FetchOptions) -> WarningKind {
    match error {
        ureq::Error::StatusCode(status) => WarningKind::HttpStatus { status },
        ureq::Error::Timeout(_) => WarningKind::Timeout,
        ureq::Error::TooManyRedirects => WarningKind::TooManyRedirects {
            limit: options.max_redirects,
        },
        ureq::Error::BodyExceedsLimit(_) => WarningKind::ResponseTooLarge {
            limit: options.max_bytes,
        },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => WarningKind::Timeout,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::WouldBlock => WarningKind::Timeout,
        ureq::Error::HostNotFound => WarningKind::Network {
            reason: "no such host".to_string(),
        },
        ureq::Error::ConnectionFailed => WarningKind::Network {
            reason: "connection failed".to_string(),
        },
        other => WarningKind::Network {
            reason: other.to_string(),
        },
    }
}
