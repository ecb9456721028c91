//! Load: share flows all at once from one client (cloned) against one emulator; 200 unless
//! `YOTI_LOAD_FLOWS` says otherwise (e.g. `YOTI_LOAD_FLOWS=2500`). Every receipt arrives and
//! decodes to the attributes shared in its own session: none lost, none crossed.

#[path = "support/share_flow.rs"]
mod share_flow;

use std::collections::HashSet;
use std::time::Duration;

use tokio::task::JoinSet;
use yoti_test_support::EmulatorControl;

/// The number of flows when `YOTI_LOAD_FLOWS` is not set: what CI runs.
const DEFAULT_FLOWS: usize = 200;
/// Time allowed per flow: far above what a flow takes on two cores (120 s for the default 200
/// flows, well below CI's patience), and a bound however many flows are asked for.
const BUDGET_PER_FLOW: Duration = Duration::from_millis(600);

fn flow_count() -> usize {
    match std::env::var("YOTI_LOAD_FLOWS") {
        Ok(text) => text
            .trim()
            .parse()
            .ok()
            .filter(|&flows| flows > 0)
            .unwrap_or_else(|| panic!("YOTI_LOAD_FLOWS must be a positive number, not {text:?}")),
        Err(_) => DEFAULT_FLOWS,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_share_flows_each_get_their_own_receipt() {
    let wanted = flow_count();
    let budget = BUDGET_PER_FLOW * u32::try_from(wanted).unwrap();
    let (emulator, client) = share_flow::start().await;
    let control = EmulatorControl::new(&emulator);

    let mut flows = JoinSet::new();
    for n in 0..wanted {
        let (client, control) = (client.clone(), control.clone());
        flows.spawn(async move { (n, share_flow::run(&client, &control, n).await) });
    }
    let results = tokio::time::timeout(budget, flows.join_all())
        .await
        .expect("the flows did not finish within the budget");

    let failures: Vec<&String> = results
        .iter()
        .filter_map(|(_, result)| result.as_ref().err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {wanted} flows failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );

    let mut seen_flows = HashSet::new();
    let mut sessions = HashSet::new();
    let mut receipts = HashSet::new();
    for (n, result) in results {
        let flow = result.unwrap_or_else(|error| panic!("{error}"));
        let (name, email, dob) = share_flow::shared_by(n);
        let user = flow.receipt.user();
        assert_eq!(user.name, name, "flow {n}");
        assert_eq!(user.email, email, "flow {n}");
        assert_eq!(user.dob.to_string(), dob, "flow {n}");
        assert_eq!(flow.receipt.session_id(), flow.session_id, "flow {n}");
        assert!(seen_flows.insert(n));
        assert!(
            sessions.insert(flow.session_id.clone()),
            "session of flow {n} seen twice"
        );
        assert!(
            receipts.insert(flow.receipt.id().to_owned()),
            "receipt of flow {n} seen twice"
        );
    }
    assert_eq!(seen_flows.len(), wanted);
    assert_eq!(receipts.len(), wanted);

    // Exactly one request of each kind per flow reached the emulator: nothing was retried or lost.
    for route in [
        "POST /v2/sessions",
        "POST /v2/sessions/{session_id}/qr-codes",
        "GET /v2/qr-codes/{qr_code_id}",
        "GET /v2/receipts/{receipt_id}",
        "GET /v2/wrapped-item-keys/{item_key_id}",
    ] {
        assert_eq!(emulator.request_count(route), wanted as u64, "{route}");
    }
}
