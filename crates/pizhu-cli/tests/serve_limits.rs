//! `pizhu serve` under a flood from a page or a local process: refused bodies are
//! never read, idle connections are closed, open connections are capped.
//! Raw TCP on loopback only; memory and open files measured from /proc (Linux).
#![cfg(target_os = "linux")]

mod serve_common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serve_common::{api, open_files, proc_status_kb, start, Server};

const BODY_BYTES: usize = 99 * 1024 * 1024;

/// Sends a request head announcing a 99 MB body, then only `sent` bytes of it.
fn announce_big_body(server: &Server, host: &str, extra_headers: &str, sent: usize) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let head = format!(
        "POST /api/importData HTTP/1.1\r\nHost: {host}:{}\r\nContent-Type: application/json\r\n\
         Content-Length: {BODY_BYTES}\r\n{extra_headers}\r\n",
        server.port
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&vec![b' '; sent]).unwrap();
    stream
}

/// The status line's code, or None if nothing came back in time.
fn status_within(stream: &mut TcpStream, limit: Duration) -> Option<u16> {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 512];
    let n = stream.read(&mut buf).ok()?;
    let head = String::from_utf8_lossy(&buf[..n]);
    head.split(' ').nth(1)?.parse().ok()
}

#[test]
fn refused_callers_get_their_answer_before_the_body_is_read() {
    let (server, _) = start();
    let own = format!("Authorization: Bearer {}\r\n", server.token);
    let foreign = format!("{own}Origin: http://evil.example\r\n");
    for (case, host, headers, status) in [
        ("no token", "127.0.0.1", String::new(), 401),
        ("another origin", "127.0.0.1", foreign, 403),
        // DNS rebinding: a name the attacker controls, pointed at 127.0.0.1.
        ("another host name", "attacker.example", own, 403),
    ] {
        // 64 KB of a 99 MB body: a server that reads first would wait for the rest.
        let mut stream = announce_big_body(&server, host, &headers, 64 * 1024);
        assert_eq!(
            status_within(&mut stream, Duration::from_secs(5)),
            Some(status),
            "{case}: the refusal must come before the body"
        );
    }
}

#[test]
fn sixteen_99_mb_bodies_without_a_token_leave_memory_flat() {
    let (server, _) = start();
    let pid = server.child.id();
    // Let start-up (seeding, index) settle before taking the baseline.
    assert_eq!(api(&server, "listArticles", "{}", &[]).status, 200);
    let peak_before = proc_status_kb(pid, "VmHWM");
    let senders: Vec<_> = (0..16)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                let head = format!(
                    "POST /api/importData HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                     Content-Length: {BODY_BYTES}\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).unwrap();
                let chunk = vec![b' '; 1024 * 1024];
                let mut sent = 0;
                // The server hangs up early; the write then fails, which is the point.
                while sent < BODY_BYTES && stream.write_all(&chunk).is_ok() {
                    sent += chunk.len();
                }
                sent
            })
        })
        .collect();
    let sent: Vec<usize> = senders.into_iter().map(|t| t.join().unwrap()).collect();
    let peak_after = proc_status_kb(pid, "VmHWM");
    let grew_mb = (peak_after.saturating_sub(peak_before)) / 1024;
    eprintln!(
        "peak RSS {} MB → {} MB (+{grew_mb} MB); MB accepted per connection: {:?}",
        peak_before / 1024,
        peak_after / 1024,
        sent.iter().map(|s| s / (1024 * 1024)).collect::<Vec<_>>()
    );
    assert!(
        grew_mb < 64,
        "peak RSS grew by {grew_mb} MB for bodies that should never be read"
    );
    assert_eq!(api(&server, "listArticles", "{}", &[]).status, 200);
}

/// Connections that sent half a request head and then nothing.
fn half_heads(server: &Server, count: usize) -> Vec<TcpStream> {
    (0..count)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            let half = format!(
                "POST /api/listArticles HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
                server.port
            );
            s.write_all(half.as_bytes()).unwrap();
            s
        })
        .collect()
}

/// True once the server has hung up on `stream` (EOF or reset), false while it holds it.
fn closed_by_server(mut stream: &TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // a 408 or similar before the close
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn idle_half_sent_heads_do_not_block_a_request_and_are_closed_after_the_timeout() {
    let (server, _) = start();
    let idle = half_heads(&server, 200);
    let asked = Instant::now();
    let reply = api(&server, "listArticles", "{}", &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "a real request waited {:?} behind idle connections",
        asked.elapsed()
    );
    assert!(
        !closed_by_server(&idle[0]),
        "closed at once; the timeout should give a slow client time"
    );
    // The header deadline is 10 s; allow for a loaded machine.
    let deadline = Instant::now() + Duration::from_secs(25);
    let mut open = idle.len();
    while Instant::now() < deadline {
        open = idle.iter().filter(|s| !closed_by_server(s)).count();
        if open == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    assert_eq!(open, 0, "{open} of 200 idle connections still held");
}

#[test]
fn open_connections_are_capped() {
    let (server, _) = start();
    let pid = server.child.id();
    let baseline = open_files(pid);
    let _idle = half_heads(&server, 700);
    // Give the accept loop time to take all it will take.
    std::thread::sleep(Duration::from_secs(2));
    let held = open_files(pid) - baseline;
    eprintln!("700 idle connections: the server holds {held}");
    assert!(held <= 512, "the server holds {held} connections");
    assert!(
        held >= 100,
        "only {held} taken: the cap is far lower than meant"
    );
}
