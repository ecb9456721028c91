//! Receipts: the application's private key, the decryption chain, and the one call from a receipt
//! to the user's struct.
