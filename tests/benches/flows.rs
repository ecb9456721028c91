//! Share flows per second: session, QR code, share and receipt, one client against one local
//! emulator, at several concurrency levels. A plain timed harness (`cargo bench -p yoti-tests
//! --bench flows`); set `FLOWS` to change the number of flows per level (default 200).

#[path = "../tests/support/share_flow.rs"]
mod share_flow;

use std::time::Instant;

use tokio::task::JoinSet;

fn main() {
    let flows: usize = std::env::var("FLOWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    // `cargo test --benches` runs benchmarks with `--bench` absent: do one short round then.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let flows = if quick { 4 } else { flows };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (emulator, client) = share_flow::start().await;
        let control = reqwest::Client::new();
        let control_url = emulator.control_url();
        // Warm up: connections, the key's first use.
        share_flow::run(&client, &control, &control_url, usize::MAX / 2)
            .await
            .expect("warm-up flow");

        for concurrency in [1, 16, 64, 200] {
            let started = Instant::now();
            let mut next = 0;
            let mut running = JoinSet::new();
            while next < flows || !running.is_empty() {
                while next < flows && running.len() < concurrency {
                    let (client, control, url) = (client.clone(), control.clone(), control_url.clone());
                    let n = next;
                    running.spawn(async move {
                        (n, share_flow::run(&client, &control, &url, n).await)
                    });
                    next += 1;
                }
                if let Some(result) = running.join_next().await {
                    let (n, flow) = result.expect("flow task");
                    // Timed, so checked cheaply: the receipt is this flow's own.
                    let flow = flow.expect("flow");
                    let user = flow.receipt.user();
                    let (name, email, dob) = share_flow::shared_by(n);
                    assert_eq!((&user.name, &user.email), (&name, &email));
                    assert_eq!(user.dob.to_string(), dob);
                    assert_eq!(flow.receipt.session_id(), flow.session_id);
                }
            }
            let elapsed = started.elapsed();
            println!(
                "share flows, concurrency {concurrency:>3}: {flows} flows in {:>8.1} ms = {:>7.1} flows/s",
                elapsed.as_secs_f64() * 1000.0,
                flows as f64 / elapsed.as_secs_f64()
            );
        }
    });
}
