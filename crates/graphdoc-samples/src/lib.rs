pub mod tolerant;
