//! A tiny HTTP/1.1 server on 127.0.0.1 that answers each request with scripted steps (bytes,
//! pauses, a flood of filler) and records what reached it: a stand-in for a broken or hostile
//! API server. One request per connection; every answer closes the connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as it reached the server.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }
}

/// One step of an answer.
pub enum Step {
    Write(Vec<u8>),
    Pause(Duration),
    /// Up to `total` bytes of filler, in 64 KiB pieces (chunk-framed if `chunked`), stopping
    /// when the client goes away; what was written is counted in [`Server::flooded`].
    Flood {
        total: usize,
        chunked: bool,
    },
}

type Script = dyn Fn(&Seen) -> Vec<Step> + Send + Sync;

#[derive(Default)]
struct Record {
    seen: Mutex<Vec<Seen>>,
    connections: AtomicUsize,
    flooded: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

pub struct Server {
    origin: String,
    record: Arc<Record>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Starts a server that answers every request with `script(request)`.
    pub async fn start(script: impl Fn(&Seen) -> Vec<Step> + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let record = Arc::new(Record::default());
        let script: Arc<Script> = Arc::new(script);
        let task = tokio::spawn({
            let record = record.clone();
            async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    record.connections.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(serve(stream, record.clone(), script.clone()));
                }
            }
        });
        Server {
            origin,
            record,
            task,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Every request read so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.record.seen.lock().unwrap().clone()
    }

    /// How many requests had a path starting with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.seen()
            .iter()
            .filter(|seen| seen.path().starts_with(prefix))
            .count()
    }

    /// How many connections were accepted, whether or not a request followed.
    pub fn connections(&self) -> usize {
        self.record.connections.load(Ordering::SeqCst)
    }

    /// How many filler bytes the floods wrote before the client went away.
    pub fn flooded(&self) -> usize {
        self.record.flooded.load(Ordering::SeqCst)
    }

    /// The most requests that were being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.record.max_in_flight.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, record: Arc<Record>, script: Arc<Script>) {
    let Some(seen) = read_request(&mut stream).await else {
        return;
    };
    let steps = script(&seen);
    record.seen.lock().unwrap().push(seen);
    let now = record.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    record.max_in_flight.fetch_max(now, Ordering::SeqCst);
    for step in steps {
        let written = match step {
            Step::Write(bytes) => stream.write_all(&bytes).await.is_ok(),
            Step::Pause(pause) => {
                tokio::time::sleep(pause).await;
                true
            }
            Step::Flood { total, chunked } => flood(&mut stream, &record, total, chunked).await,
        };
        if !written {
            break;
        }
    }
    record.in_flight.fetch_sub(1, Ordering::SeqCst);
    let _ = stream.shutdown().await;
}

async fn flood(stream: &mut TcpStream, record: &Record, total: usize, chunked: bool) -> bool {
    let filler = vec![b'x'; 64 * 1024];
    let mut left = total;
    while left > 0 {
        let piece = &filler[..left.min(filler.len())];
        let framed = if chunked {
            let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
            framed.extend_from_slice(piece);
            framed.extend_from_slice(b"\r\n");
            framed
        } else {
            piece.to_vec()
        };
        if stream.write_all(&framed).await.is_err() {
            return false;
        }
        record.flooded.fetch_add(piece.len(), Ordering::SeqCst);
        left -= piece.len();
    }
    !chunked || stream.write_all(b"0\r\n\r\n").await.is_ok()
}

/// Reads one request head and its `Content-Length` body; `None` if the client went away.
async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut piece = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let read = stream.read(&mut piece).await.ok().filter(|&n| n > 0)?;
        buffer.extend_from_slice(&piece[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, target) = (request_line.next()?, request_line.next()?);
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut piece).await.ok().filter(|&n| n > 0)?;
        body.extend_from_slice(&piece[..read]);
    }
    Some(Seen {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    })
}

/// A complete answer with a `Content-Length` body.
pub fn answer(status: u16, body: &str) -> Vec<Step> {
    vec![Step::Write(
        format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )]
}

/// A redirect to `location`, with a small body.
pub fn redirect(status: u16, location: &str) -> Vec<Step> {
    vec![Step::Write(
        format!(
            "HTTP/1.1 {status} X\r\nLocation: {location}\r\nContent-Length: 2\r\n\
             Connection: close\r\n\r\n{{}}"
        )
        .into_bytes(),
    )]
}

/// A response head with the given extra header lines (each ending in `\r\n`).
pub fn head(status: u16, headers: &str) -> Step {
    Step::Write(format!("HTTP/1.1 {status} X\r\n{headers}Connection: close\r\n\r\n").into_bytes())
}

/// `body` sent chunk-framed in pieces of at most `piece` bytes, without `Content-Length`.
pub fn chunked(status: u16, body: &[u8], piece: usize) -> Vec<Step> {
    let mut steps = vec![head(status, "Transfer-Encoding: chunked\r\n")];
    for part in body.chunks(piece) {
        let mut framed = format!("{:x}\r\n", part.len()).into_bytes();
        framed.extend_from_slice(part);
        framed.extend_from_slice(b"\r\n");
        steps.push(Step::Write(framed));
    }
    steps.push(Step::Write(b"0\r\n\r\n".to_vec()));
    steps
}

/// An address on 127.0.0.1 where nothing listens.
pub async fn closed_origin() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    origin
}
