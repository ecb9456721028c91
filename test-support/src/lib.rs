//! What the workspace's tests share: the known-answer test vectors in `test-vectors/` at the root
//! of the workspace (see its README for what each file holds and must decode to), the private keys
//! among them, and (feature `emulator`) a typed client of the emulator's control API.
//!
//! Test code only: a missing vector is a broken checkout, so the vector functions panic with the
//! path instead of returning an error. The control client returns typed errors, so that a load
//! test can count failures instead of stopping at the first.

mod bounded;
#[cfg(feature = "emulator")]
mod control;
mod vectors;

#[cfg(unix)]
pub use bounded::make_fifo;
pub use bounded::{temp_dir, within_a_second};
#[cfg(feature = "emulator")]
pub use control::{ControlError, EmulatorControl, ShareAnswer};
#[cfg(feature = "keys")]
pub use vectors::test_key;
pub use vectors::{vector, vector_path, vector_text};
/// The emulator's own fault rule types, which the control client sends and reads.
#[cfg(feature = "emulator")]
pub use yoti_emulator::{ActiveFault, Fault, FaultRule};
