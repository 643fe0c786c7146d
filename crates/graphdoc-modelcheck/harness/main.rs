//! Round trip of the docs' JSON samples through the generated model.
//!
//! `graph-model-roundtrip <samples.json> <results.json>`: reads the objects
//! each sample lists in `items` (JSON pointers: the items of `value` for a
//! collection) as the sample's type (an `@odata.type` in the object picks a
//! derived type), writes them back and records, per object, the type it
//! was read as, the JSON written and the properties the model did not know,
//! or why it could not be read. A sample that names an `operation` (an
//! API page's response) is read as a whole through that operation's
//! response type (`read_response`), and each object is then compared as
//! that wrote it back: a shape the model refuses is an error of every
//! object, a value it refuses one of the object holding it. Comparing and
//! judging is left to `graphdoc-modelcheck`, which wrote the samples file.

mod versions;

use graph_model::runtime;
use serde_json::{json, Map, Value};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: graph-model-roundtrip <samples.json> <results.json>");
        return ExitCode::from(2);
    }
    match run(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(input: &str, output: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{input}: not JSON: {e}"))?;
    let samples = doc
        .get("samples")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{input}: no `samples` array"))?;
    let mut results = Vec::new();
    for (index, sample) in samples.iter().enumerate() {
        let version = sample.get("version").and_then(Value::as_str).unwrap_or("");
        let type_name = sample.get("type").and_then(Value::as_str).unwrap_or("");
        let payload = sample.get("payload").unwrap_or(&Value::Null);
        let pointers = sample.get("items").and_then(Value::as_array);
        let operation = sample.get("operation").and_then(Value::as_str);
        // A panic is a bug in the model or its runtime: record it and go
        // on, so that one bad type does not hide the rest.
        let whole = operation.map(|op| {
            std::panic::catch_unwind(|| through(op, payload))
                .unwrap_or_else(|_| Err(error("panic", &[], "the model panicked")))
        });
        let items: Vec<&str> = pointers.into_iter().flatten().filter_map(Value::as_str).collect();
        for &pointer in &items {
            let item = payload
                .pointer(pointer)
                .ok_or_else(|| format!("sample {index}: no item at {pointer:?}"))?;
            let mut outcome = std::panic::catch_unwind(|| round_trip(version, type_name, item))
                .unwrap_or_else(|_| error("panic", &[], "the model panicked"));
            if let Some(whole) = &whole {
                outcome = as_read_whole(outcome, whole, pointer, &items);
            }
            let mut result = Map::new();
            result.insert("sample".into(), json!(index));
            result.insert("pointer".into(), json!(pointer));
            result.extend(outcome);
            results.push(Value::Object(result));
        }
    }
    let text = serde_json::to_string(&json!({ "results": results })).map_err(|e| e.to_string())?;
    std::fs::write(output, text).map_err(|e| format!("cannot write {output}: {e}"))
}

fn round_trip(version: &str, type_name: &str, item: &Value) -> Map<String, Value> {
    let Some(desc) = versions::lookup_type(version, type_name) else {
        return error(
            "unknown_type",
            &[],
            &format!("no generated type `{type_name}` in {version}"),
        );
    };
    match runtime::poly_from_json(desc, item.clone()) {
        Ok(object) => {
            let mut out = Map::new();
            out.insert(
                "read_as".into(),
                json!(runtime::ObjectBase::type_desc(&*object).name),
            );
            out.insert("written".into(), runtime::poly_to_json(desc, &*object));
            // Kept, so the round trip holds, but not typed: worth counting.
            // Annotations (`@odata.type`, `members@odata.bind`) are not
            // properties.
            let unknown: Vec<&String> = runtime::Object::additional_properties(&*object)
                .keys()
                .filter(|k| !k.contains('@'))
                .collect();
            out.insert("unknown".into(), json!(unknown));
            out
        }
        Err(e) => error(&format!("{:?}", e.kind()), e.segments(), e.message()),
    }
}

/// Reads the whole payload through the operation and writes it back.
fn through(operation: &str, payload: &Value) -> Result<Value, Map<String, Value>> {
    let body = serde_json::to_vec(payload).unwrap_or_default();
    match versions::read_response(operation, &body) {
        None => Err(error(
            "unknown_type",
            &[],
            &format!("no generated operation `{operation}`"),
        )),
        Some(Ok(written)) => Ok(written),
        Some(Err(e)) => Err(error(&format!("{:?}", e.kind()), e.segments(), e.message())),
    }
}

/// One object's outcome once the whole payload was read through its
/// operation: the object as that wrote it back; the operation's error
/// where it lies in this object (its path made relative to it) or in no
/// object (the shape); the object's own round trip where the error lies in
/// another object.
fn as_read_whole(
    mut own: Map<String, Value>,
    whole: &Result<Value, Map<String, Value>>,
    pointer: &str,
    items: &[&str],
) -> Map<String, Value> {
    let e = match whole {
        Ok(written) => {
            own.remove("error");
            own.insert(
                "written".into(),
                written.pointer(pointer).cloned().unwrap_or(Value::Null),
            );
            return own;
        }
        Err(e) => e,
    };
    let path: Vec<String> = e
        .get("error")
        .and_then(|e| e.get("path"))
        .and_then(Value::as_array)
        .map(|p| p.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    let segments = |p: &str| -> Vec<String> { p.split('/').skip(1).map(str::to_string).collect() };
    let holder = items
        .iter()
        .map(|p| segments(p))
        .filter(|s| path.len() >= s.len() && path.iter().zip(s).all(|(a, b)| a == b))
        .max_by_key(Vec::len);
    let mine = segments(pointer);
    match holder {
        Some(h) if h == mine => {
            let mut e = e.clone();
            if let Some(Value::Object(inner)) = e.get_mut("error") {
                inner.insert("path".into(), json!(path[mine.len()..]));
            }
            e
        }
        Some(_) => own,
        None => e.clone(),
    }
}

fn error(kind: &str, path: &[String], message: &str) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "error".into(),
        json!({ "kind": kind, "path": path, "message": message }),
    );
    out
}
