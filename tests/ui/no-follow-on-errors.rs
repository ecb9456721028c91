use yoti_policy::SharePolicy;

// The struct has a mistake; code that uses it as a `SharePolicy` reports nothing more.
#[derive(SharePolicy)]
struct Wanted {
    #[yoti(full_nme)]
    name: String,
}

fn session_policy<P: SharePolicy>() -> yoti_policy::Policy {
    P::policy()
}

fn main() {
    let _json: &str = Wanted::POLICY_JSON;
    let _policy = session_policy::<Wanted>();
    let _decoded = Wanted::from_profile(&yoti_policy::Profile::default());
}
