use graphdoc_docs::{load_pages, PageInput, PageKind};
fn page(bytes: Vec<u8>) -> Vec<PageInput> { vec![PageInput{path:"x.md".into(), kind: PageKind::Resource, bytes}] }
fn t(name: &str, b: Vec<u8>) { let s = std::time::Instant::now(); let l = load_pages("v1.0", page(b)); eprintln!("{name}: {:?} {} diags", s.elapsed(), l.diagnostics.len()); }
#[test]
fn probe() {
    let base = std::fs::read("/work/shared/graph-docs/api-reference/v1.0/resources/user.md").unwrap();
    t("base", base.clone());
    let mut d = Vec::new(); for level in 0..2000 { d.extend(std::iter::repeat_n(b' ', level*2)); d.extend_from_slice(b"- item\n"); }
    t("lists", d);
    let mut d = vec![b'>'; 10_000]; d.extend_from_slice(b" | a | b |\n"); t("quotes", d);
    t("brackets", vec![b'['; 10_000]);
    t("braces", vec![b'{'; 10_000]);
    let mut d = b"```json\n".to_vec(); d.extend(vec![b'{'; 10_000]); d.extend(b"\n```\n"); t("jsonbraces", d);
    let mut d = b"<!-- ".to_vec(); d.extend(vec![b'{'; 10_000]); d.extend(b" -->\n"); t("comment braces", d);
    let mut d = b"| a | b |\n|---|---|\n| x |".to_vec(); d.extend((0..100*1024).map(|i| b'a' + (i%26) as u8)); d.extend(b" |\n"); t("huge", d);
}
#[test]
fn probe2() {
    let mut d = b"| a | b |\n|---|---|\n| x | ".to_vec(); d.extend(vec![b'['; 10_000]); d.extend(vec![b']'; 10_000]); d.extend(b" |\n"); t("cell brackets", d);
}
