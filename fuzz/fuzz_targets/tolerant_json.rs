#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| graphdoc_fuzz::tolerant_json(data));
