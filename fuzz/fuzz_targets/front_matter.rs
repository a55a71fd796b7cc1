//! Fuzz target: see `front_matter` in tests/it/fuzz_cases.rs for what must hold.
#![no_main]

#[path = "../../tests/it/fuzz_cases.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod fuzz_cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_cases::front_matter(data));
