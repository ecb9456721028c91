//! Load: 200 share flows at once from one client (cloned) against one emulator. Every receipt
//! arrives and decodes to the attributes shared in its own session: none lost, none crossed.

#[path = "support/share_flow.rs"]
mod share_flow;

use std::collections::HashSet;
use std::time::Duration;

use tokio::task::JoinSet;

const FLOWS: usize = 200;
/// Far above what the flows take on two cores, well below CI's patience.
const BUDGET: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_share_flows_each_get_their_own_receipt() {
    let (emulator, client) = share_flow::start().await;
    let control = reqwest::Client::new();
    let control_url = emulator.control_url();

    let mut flows = JoinSet::new();
    for n in 0..FLOWS {
        let (client, control, control_url) = (client.clone(), control.clone(), control_url.clone());
        flows.spawn(async move { (n, share_flow::run(&client, &control, &control_url, n).await) });
    }
    let results = tokio::time::timeout(BUDGET, flows.join_all())
        .await
        .expect("the flows did not finish within the budget");

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
    assert_eq!(seen_flows.len(), FLOWS);
    assert_eq!(receipts.len(), FLOWS);

    // Exactly one request of each kind per flow reached the emulator: nothing was retried or lost.
    for route in [
        "POST /v2/sessions",
        "POST /v2/sessions/{session_id}/qr-codes",
        "GET /v2/qr-codes/{qr_code_id}",
        "GET /v2/receipts/{receipt_id}",
        "GET /v2/wrapped-item-keys/{item_key_id}",
    ] {
        assert_eq!(emulator.request_count(route), FLOWS as u64, "{route}");
    }
}
