//! The model as a user gets it: generated into a directory of its own,
//! outside any repository, and used by a crate of theirs the way the
//! generated README says (a path dependency, default features, the README's
//! profile snippet in their workspace root). The acceptance test
//! (`tests/consumer.rs`) and `cargo xtask bench-model` both build that.

use crate::cargo::Cargo;
use crate::{load_schemas, standalone_options, Error, CRATE_NAME};
use graphdoc_codegen::GeneratedCrate;
use std::path::{Path, PathBuf};

/// Where the model goes under a work directory: `<work>/graph-model`.
pub fn model_dir(work: &Path) -> PathBuf {
    work.join(CRATE_NAME)
}

/// Generates the model of the whole docs tree into `<work>/graph-model`,
/// as `cargo xtask regenerate --docs <docs> --out <work>/graph-model` does.
pub fn write_model(docs: &Path, work: &Path) -> Result<GeneratedCrate, Error> {
    let schemas = load_schemas(docs)?;
    let generated = graphdoc_codegen::generate(&schemas, &standalone_options(docs, &[]));
    let dir = model_dir(work);
    graphdoc_codegen::write(&dir, &generated).map_err(|e| Error::Io(dir, e))?;
    Ok(generated)
}

/// The ```` ```toml ```` blocks of the README's "Build profile" section: the
/// snippet for the default features first, then one per further feature.
pub fn readme_profile_snippets(readme: &str) -> Vec<String> {
    let Some(start) = readme.find("\n## Build profile") else {
        return Vec::new();
    };
    let section = &readme[start + 1..];
    let section = match section[1..].find("\n## ") {
        Some(end) => &section[..end + 1],
        None => section,
    };
    let mut snippets = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```toml\n") {
        let body = &rest[open + "```toml\n".len()..];
        let Some(close) = body.find("```") else { break };
        snippets.push(body[..close].to_owned());
        rest = &body[close + 3..];
    }
    snippets
}

/// A consumer crate in `<work>/<name>`: its own workspace root, depending on
/// `../graph-model` with `features` (besides the default ones), `profile`
/// appended to its manifest, and `main_rs` as its program.
pub fn write_consumer(
    work: &Path,
    name: &str,
    features: &[&str],
    profile: &str,
    main_rs: &str,
) -> Result<PathBuf, Error> {
    let dir = work.join(name);
    let features = features
        .iter()
        .map(|f| format!("{f:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let manifest = format!(
        "[package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{CRATE_NAME} = {{ path = \"../{CRATE_NAME}\", features = [{features}] }}\n\
         serde_json = \"1\"\n\n[workspace]\n\n[profile.release]\nstrip = true\n\n{profile}"
    );
    crate::write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    crate::write_if_changed(&dir.join("src/main.rs"), main_rs.as_bytes())?;
    Ok(dir)
}

/// A program that reads one `User` (v1.0) from its argument and prints a
/// property: what the release binary size is measured on.
pub const READ_ONE_USER: &str = r##"//! Reads one user.

use graph_model::v1_0::User;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| r#"{"displayName": "Adele Vance"}"#.into());
    match serde_json::from_str::<User>(&text) {
        Ok(user) => println!("{:?}", user.display_name),
        Err(e) => {
            eprintln!("not a user: {e}");
            std::process::exit(1);
        }
    }
}
"##;

/// The acceptance consumer: reads a page of users (`Page<User>`) with its
/// next link and unknown properties, writes a PATCH body with one property
/// set and one cleared, and reads an `ODataError`, through serde_json as
/// any user would.
pub const ACCEPTANCE_MAIN: &str = r##"//! Uses the model as its README says.

use graph_model::runtime::{Field, ODataError, Page};
use graph_model::v1_0::User;

fn main() {
    let page = r#"{
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
        "value": [
            {"id": "1", "displayName": "Adele Vance", "accountEnabled": true, "businessPhones": ["+1 425 555 0109"]},
            {"id": "2", "displayName": null, "futureProperty": {"kept": true}}
        ]
    }"#;
    let page: Page<User> = serde_json::from_str(page).expect("a page of users");
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.value[0].display_name, Field::Value("Adele Vance".to_owned()));
    assert_eq!(page.value[0].account_enabled, Field::Value(true));
    assert_eq!(page.value[1].display_name, Field::Null);
    assert_eq!(page.next_link(), Some("https://graph.microsoft.com/v1.0/users?$skiptoken=X"));
    let again: serde_json::Value = serde_json::to_value(&page.value[1]).expect("serializes");
    assert_eq!(again["futureProperty"], serde_json::json!({"kept": true}));

    let update = User {
        display_name: Field::Value("Adele V.".to_owned()),
        mobile_phone: Field::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&update).expect("serializes"),
        serde_json::json!({"displayName": "Adele V.", "mobilePhone": null})
    );

    let error: ODataError = serde_json::from_str(
        r#"{"error": {"code": "Request_ResourceNotFound", "message": "Resource '1' does not exist.",
            "innerError": {"request-id": "6e5a5b2e-2b5a-4f5e-9c1a-1f0b7b0b0b0b", "date": "2021-07-16T10:00:00"}}}"#,
    )
    .expect("an error body");
    assert_eq!(error.code, "Request_ResourceNotFound");
    assert_eq!(error.request_id(), Some("6e5a5b2e-2b5a-4f5e-9c1a-1f0b7b0b0b0b"));
    let _: &dyn std::error::Error = &error;
    println!("ok");
}
"##;

/// What [`check`] found.
#[derive(Clone, Debug)]
pub struct CheckReport {
    /// Generated files that name a path of this machine, with the path.
    pub local_paths: Vec<(String, String)>,
    /// What the consumer, then the README's quick start, printed.
    pub consumer_output: String,
}

/// The acceptance check of the model as a user gets it: generates the
/// model into `<work>/graph-model`, packages it (`cargo package --workspace
/// --no-verify`), builds the consumer crate `<work>/consumer` offline with
/// the README's profile snippet and runs it, and looks for paths of this
/// machine in every generated file (`machine_paths`: the docs, the
/// repository, the work directory, the home directory).
pub fn check(docs: &Path, work: &Path, machine_paths: &[PathBuf]) -> Result<CheckReport, Error> {
    let work = std::path::absolute(work).map_err(|e| Error::Io(work.to_path_buf(), e))?;
    let generated = write_model(docs, &work)?;
    let mut needles: Vec<String> = machine_paths
        .iter()
        .chain([&work, &docs.to_path_buf()])
        .filter_map(|p| std::path::absolute(p).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.len() > 1)
        .collect();
    needles.push(docs.to_string_lossy().into_owned());
    let local_paths = generated
        .files
        .iter()
        .flat_map(|f| {
            needles
                .iter()
                .filter(|n| f.contents.contains(n.as_str()))
                .map(|n| (f.path.clone(), n.clone()))
        })
        .collect();

    let model = model_dir(&work);
    let cargo = Cargo::new(&model, &work.join("package-target"));
    cargo.step(
        "cargo package",
        &["package", "--workspace", "--no-verify", "--offline"],
    )?;

    let readme = generated.file("README.md").unwrap_or_default();
    let snippet = readme_profile_snippets(readme);
    let dir = write_consumer(
        &work,
        "consumer",
        &[],
        snippet.first().map_or("", String::as_str),
        ACCEPTANCE_MAIN,
    )?;
    // The README's quick start, for `User` here, as a second program.
    let quick_start = readme_quick_start(readme)
        .ok_or_else(|| Error::Step("the generated README has no quick start".into()))?;
    crate::write_if_changed(&dir.join("src/bin/quick_start.rs"), quick_start.as_bytes())?;
    let cargo = Cargo::new(&dir, &dir.join("target"));
    cargo.step("consumer build", &["build", "--offline", "--bins"])?;
    let mut printed = String::new();
    for bin in ["consumer", "quick_start"] {
        let output = cargo
            .command(&["run", "--quiet", "--offline", "--bin", bin])
            .output()
            .map_err(|e| Error::Step(format!("cannot run {bin}: {e}")))?;
        crate::cargo::check_output(&format!("{bin} run"), &output)?;
        printed.push_str(&String::from_utf8_lossy(&output.stdout));
    }
    Ok(CheckReport {
        local_paths,
        consumer_output: printed,
    })
}

/// The README's ```` ```rust ```` block.
pub fn readme_quick_start(readme: &str) -> Option<String> {
    let start = readme.find("```rust\n")? + "```rust\n".len();
    let len = readme[start..].find("```")?;
    Some(readme[start..start + len].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_snippets_are_the_toml_blocks_of_their_section() {
        let readme = "# x\n\n```toml\n[dependencies]\n```\n\n## Build profile\n\ntext\n\n```toml\na = 1\n```\n\nmore\n\n```toml\nb = 2\n```\n\n## Versions\n\n```toml\nc = 3\n```\n";
        assert_eq!(readme_profile_snippets(readme), ["a = 1\n", "b = 2\n"]);
        assert!(readme_profile_snippets("# no section\n").is_empty());
    }

    #[test]
    fn the_quick_start_is_the_rust_block() {
        let readme = "```toml\na = 1\n```\n\n```rust\nfn main() {}\n```\n";
        assert_eq!(
            readme_quick_start(readme).as_deref(),
            Some("fn main() {}\n")
        );
        assert_eq!(readme_quick_start("no code"), None);
    }
}
