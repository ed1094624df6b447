#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| evfield_fuzz::gpsd_line(data));
