//! Share flows per second: session, QR code, share and receipt, one client against one local
//! emulator, with 200, 1,000 and 2,500 flows started at once. A plain timed harness
//! (`cargo bench -p yoti-tests --bench flows`); set `FLOWS` to other levels, e.g.
//! `FLOWS=200,5000`. Every flow must end with its own receipt: the run fails if any does not.
//!
//! The client keeps its default bound on requests in flight, so the flows beyond it queue in the
//! client rather than as connections the emulator has not read yet.

#[path = "../tests/support/share_flow.rs"]
mod share_flow;

use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use yoti_test_support::EmulatorControl;

const DEFAULT_LEVELS: [usize; 3] = [200, 1000, 2500];
/// Time allowed per flow before a level is abandoned: far beyond what a flow takes.
const BUDGET_PER_FLOW: Duration = Duration::from_millis(600);

fn levels() -> Vec<usize> {
    match std::env::var("FLOWS") {
        Ok(text) => text
            .split(',')
            .map(|level| {
                level
                    .trim()
                    .parse()
                    .ok()
                    .filter(|&flows| flows > 0)
                    .unwrap_or_else(|| panic!("FLOWS holds {level:?}, not a positive number"))
            })
            .collect(),
        Err(_) => DEFAULT_LEVELS.to_vec(),
    }
}

fn main() {
    // `cargo test --benches` runs benchmarks with `--bench` absent: do one short round then.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let levels = if quick { vec![4] } else { levels() };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let failed = runtime.block_on(async {
        let (emulator, client) = share_flow::start().await;
        let control = EmulatorControl::new(&emulator);
        // Warm up: connections, the key's first use.
        share_flow::run(&client, &control, usize::MAX / 2)
            .await
            .expect("warm-up flow");

        let mut failed = 0;
        for (level, flows) in levels.into_iter().enumerate() {
            // Distinct attributes across levels too.
            let first = level * 1_000_000;
            let started = Instant::now();
            let mut running = JoinSet::new();
            for n in first..first + flows {
                let (client, control) = (client.clone(), control.clone());
                running.spawn(async move { (n, share_flow::run(&client, &control, n).await) });
            }
            let budget = BUDGET_PER_FLOW * u32::try_from(flows).expect("flows");
            let results = tokio::time::timeout(budget, running.join_all())
                .await
                .expect("the flows did not finish within the budget");
            let elapsed = started.elapsed();
            let mut errors = Vec::new();
            for (n, flow) in results {
                // Timed, so checked cheaply: the receipt is this flow's own.
                let checked = flow.and_then(|flow| {
                    let user = flow.receipt.user();
                    let (name, email, dob) = share_flow::shared_by(n);
                    let own = user.name == name
                        && user.email == email
                        && user.dob.to_string() == dob
                        && flow.receipt.session_id() == flow.session_id;
                    own.then_some(())
                        .ok_or_else(|| format!("flow {n}: another flow's receipt"))
                });
                if let Err(error) = checked {
                    errors.push(error);
                }
            }
            println!(
                "share flows, {flows:>5} at once: {:>8.1} ms = {:>7.1} flows/s, {} errors",
                elapsed.as_secs_f64() * 1000.0,
                flows as f64 / elapsed.as_secs_f64(),
                errors.len()
            );
            for error in errors.iter().take(3) {
                println!("  e.g. {error}");
            }
            failed += errors.len();
        }
        failed
    });
    if failed > 0 {
        eprintln!("{failed} flows failed");
        std::process::exit(1);
    }
}
