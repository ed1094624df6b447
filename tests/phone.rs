//! The phone as the camera (issue 17 item 4, docs/photos.md "The phone as the camera"):
//! `evfield photo receive` serves a one-time upload page on 127.0.0.1; a real headless browser
//! (Debian's chromium, driven by chromedriver over WebDriver) uploads a JPEG with EXIF GPS, and
//! the file written is the same bytes. Plain HTTP from the test checks what the page refuses;
//! a pty session takes the photo before work from the page at its prompt.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use evfield::pinpoint::photo::samples;
use serde_json::{Value, json};

/// Oslo, in the JPEG's EXIF GPS block.
const POSITION: (f64, f64) = (59.913868, 10.752245);

/// `evfield --json photo receive --bind 127.0.0.1:0 --out OUT`: the child, its page's URL (from
/// its first stderr line) and the rest of its stderr.
fn receive(data: &Path, out: &Path) -> (Child, String, BufReader<ChildStderr>) {
    let mut child = common::evfield(data)
        .args([
            "--json",
            "photo",
            "receive",
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "120",
        ])
        .arg("--out")
        .arg(out)
        .env("EVFIELD_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
    assert_eq!(v["event"], "listening", "{v}");
    let url = v["url"].as_str().unwrap().to_string();
    (child, url, err)
}

/// The host:port and path of a page URL.
fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    (host.to_string(), format!("/{path}"))
}

/// One raw request; the status and the body of the answer (0 when the connection was refused or
/// closed without one).
fn raw(host: &str, request: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(host) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(request);
    // all is sent: a request cut short is seen as such at once
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let code = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    (code, body.to_string())
}

fn post(host: &str, path: &str, body: &[u8]) -> (u16, String) {
    let mut r = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    raw(host, &r)
}

fn get(host: &str, path: &str) -> (u16, String) {
    raw(
        host,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
    )
}

/// The EXIF position `evfield photo check` reads from a file.
fn position_of(data: &Path, file: &Path) -> (f64, f64) {
    let o = common::evfield(data)
        .args(["--json", "photo", "check"])
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", common::text(&o));
    let v = common::json(&o);
    let gps = &v["photo"]["exif_gps"];
    (gps[0].as_f64().unwrap(), gps[1].as_f64().unwrap())
}

fn near(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-5 && (a.1 - b.1).abs() < 1e-5
}

/// The WebDriver endpoint of a chromedriver started on a free 127.0.0.1 port.
struct Driver {
    child: Child,
    base: String,
    http: reqwest::blocking::Client,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        evfield::tls::use_ring();
        let mut child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver is needed for the browser test ({e}): \
                     apt-get install -y chromium chromium-driver (.ci/run does)"
                )
            });
        // it says when it listens
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("started successfully") {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "chromedriver ended before it listened"
            );
        }
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
        }
    }

    fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut r = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            r = r
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        let resp = r.send().unwrap();
        let status = resp.status();
        let v: Value = serde_json::from_str(&resp.text().unwrap()).unwrap();
        assert!(status.is_success(), "WebDriver {path}: {status} {v}");
        v["value"].clone()
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body))
    }

    fn element(&self, session: &str, css: &str) -> String {
        let v = self.post(
            &format!("/session/{session}/element"),
            json!({ "using": "css selector", "value": css }),
        );
        v["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_headless_browser_uploads_a_jpeg_and_it_is_written_unchanged() {
    let d = tempfile::tempdir().unwrap();
    let photo = d.path().join("phone.jpg");
    let bytes = samples::jpeg(800, 600, Some(1), Some(Some(POSITION)));
    std::fs::write(&photo, &bytes).unwrap();
    let out = d.path().join("received.jpg");
    let (child, url, _err) = receive(d.path(), &out);

    let driver = Driver::start();
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu"]
        }
    }}});
    let session = driver.post("/session", caps)["sessionId"]
        .as_str()
        .unwrap()
        .to_string();
    driver.post(&format!("/session/{session}/url"), json!({ "url": url }));
    let input = driver.element(&session, "input[type=file]");
    driver.post(
        &format!("/session/{session}/element/{input}/value"),
        json!({ "text": photo.display().to_string() }),
    );
    let send = driver.element(&session, "#send");
    driver.post(
        &format!("/session/{session}/element/{send}/click"),
        json!({}),
    );
    // the page's answer, awaited in the browser (its status gets a class once it is known)
    driver.post(
        &format!("/session/{session}/timeouts"),
        json!({ "script": 30000 }),
    );
    let status = driver.post(
        &format!("/session/{session}/execute/async"),
        json!({ "args": [], "script": "const done = arguments[arguments.length - 1];\
            const s = document.getElementById('status');\
            const look = () => s.className ? done([s.className, s.textContent]) : setTimeout(look, 20);\
            look();" }),
    );
    assert_eq!(status[0], "ok", "{status}");
    assert!(status[1].as_str().unwrap().contains("Received"), "{status}");
    let _ = driver.call(
        reqwest::Method::DELETE,
        &format!("/session/{session}"),
        None,
    );

    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{done:?}");
    let v: Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!(v["file"], out.display().to_string());
    assert_eq!(std::fs::read(&out).unwrap(), bytes, "the bytes as sent");
    assert!(near(position_of(d.path(), &out), POSITION));
}

#[test]
fn the_page_refuses_what_it_must_and_takes_one_photo() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("received.jpg");
    let (mut child, url, mut err) = receive(d.path(), &out);
    let (host, path) = split(&url);

    // the page itself, and nothing else
    let (code, html) = get(&host, &path);
    assert_eq!(code, 200);
    assert!(
        html.contains(r#"accept="image/*" capture="environment""#),
        "{html}"
    );
    let other = if path.ends_with('A') { 'B' } else { 'A' };
    let wrong = format!("{}{other}", &path[..path.len() - 1]);
    for p in [
        wrong.as_str(),
        "/",
        "/favicon.ico",
        "/p/",
        &format!("{path}/x"),
    ] {
        assert_eq!(get(&host, p).0, 404, "{p}");
    }
    let delete = format!("DELETE {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    assert_eq!(raw(&host, delete.as_bytes()).0, 404);

    // garbage requests: answered 4xx (or closed), never served, never a crash
    let long_header = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nX: {}\r\n\r\n",
        "a".repeat(9000)
    );
    for (bad, want) in [
        (b"\x00\xff\xfe garbage\r\n\r\n".to_vec(), 400),
        (b"GET\r\n\r\n".to_vec(), 400),
        (format!("GET {path} HTTP/1.1\r\n\r\n").into_bytes(), 400),
        (
            format!("GET {path} HTTP/9.9\r\nHost: x\r\n\r\n").into_bytes(),
            505,
        ),
        (long_header.into_bytes(), 431),
        (
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                .into_bytes(),
            411,
        ),
        (
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n").into_bytes(),
            400,
        ),
        (
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nshort")
                .into_bytes(),
            400,
        ),
    ] {
        let (code, _) = raw(&host, &bad);
        let shown: String = String::from_utf8_lossy(&bad).chars().take(80).collect();
        assert_eq!(code, want, "{shown}");
    }

    // over the limit: refused from its length alone, before a byte of the body is sent
    let huge = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        (64u64 << 20) + 1
    );
    let (code, why) = raw(&host, huge.as_bytes());
    assert_eq!(code, 413);
    assert!(why.contains("64 MiB"), "{why}");

    // not a picture, and a portrait photo: refused with the reason, the page stays
    let (code, why) = post(&host, &path, b"GIF89a not a photo");
    assert_eq!(code, 415, "{why}");
    let (code, why) = post(&host, &path, &samples::jpeg(600, 800, Some(1), None));
    assert_eq!(code, 422);
    assert!(why.contains("portrait"), "{why}");
    let mut line = String::new();
    let mut refused = Vec::new();
    while refused.len() < 3 {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0);
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["event"], "refused", "{v}");
        refused.push(v["why"].as_str().unwrap().to_string());
    }
    assert!(refused[2].contains("portrait"), "{refused:?}");

    // the first good photo is taken; a second one is not
    let first = samples::jpeg(1024, 768, Some(1), Some(Some(POSITION)));
    let (code, text) = post(&host, &path, &first);
    assert_eq!(code, 200, "{text}");
    assert!(text.contains("Received"), "{text}");
    let second = samples::jpeg(800, 600, None, None);
    let (code, _) = post(&host, &path, &second);
    assert_ne!(code, 200, "a second upload is never taken");
    let done = child.wait().unwrap();
    assert!(done.success());
    assert_eq!(std::fs::read(&out).unwrap(), first);
    // the page is gone with the command
    assert_eq!(get(&host, &path).0, 0);
}

/// Run `evfield --json ARGS` that must fail as a usage error: its error code and message.
fn usage_error(data: &Path, args: &[&str]) -> (String, String) {
    let o = common::evfield(data)
        .arg("--json")
        .args(args)
        .env("EVFIELD_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", common::text(&o));
    let e: Value = serde_json::from_slice(&o.stderr).unwrap();
    let text = |k: &str| e["error"][k].as_str().unwrap_or_default().to_string();
    (text("code"), text("message"))
}

#[test]
fn a_bad_bind_address_names_the_flag_and_the_value() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("x.jpg");
    for bad in ["laptop.local", "0.0.0.0:8080"] {
        let args = [
            "photo",
            "receive",
            "--bind",
            bad,
            "--out",
            out.to_str().unwrap(),
        ];
        let (code, msg) = usage_error(d.path(), &args);
        assert_eq!(code, "E_PHONE_BIND");
        assert!(msg.contains("--bind") && msg.contains(bad), "{msg}");
    }
    let (code, msg) = usage_error(
        d.path(),
        &["renetwork", "--demo", "--phone-camera", "192.168.1"],
    );
    assert_eq!(code, "E_PHONE_BIND");
    assert!(
        msg.contains("--phone-camera") && msg.contains("192.168.1"),
        "{msg}"
    );
    // the phone for a code photo needs the camera's address and a terminal
    let (code, msg) = usage_error(
        d.path(),
        &[
            "renetwork",
            "--demo",
            "--sim-photo",
            "phone",
            "--phone-camera",
            "127.0.0.1",
        ],
    );
    assert_eq!(code, "E_PHONE_CAMERA");
    assert!(msg.contains("--sim-photo phone"), "{msg}");
}

/// The page's URL shown at the terminal.
fn page_url(p: &mut expectrl::session::OsSession) -> String {
    use expectrl::{Expect, Regex};
    let found = p
        .expect(Regex(r"http://127\.0\.0\.1:\d+/p/[A-Za-z0-9_-]{43}"))
        .unwrap();
    String::from_utf8_lossy(found.get(0).unwrap()).to_string()
}

/// `evfield renetwork --demo --phone-camera 127.0.0.1:0 ARGS` in a pseudo-terminal.
fn demo_at_a_terminal(data: &Path, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = Command::new(cargo_bin("evfield"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(["renetwork", "--demo", "--phone-camera", "127.0.0.1:0"])
        .args(args)
        .env("NO_COLOR", "1")
        .env("EVFIELD_LANG", "en")
        .env_remove("EVFIELD_PHONE_CAMERA")
        .env_remove("EVFIELD_FAILPOINT");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p
}

/// A demo session at a terminal, at its photo prompt with the phone's page (the photo given
/// with --before-photo is too small, so the photo before work is asked there); the page's URL.
fn at_the_photo_prompt(data: &Path) -> (expectrl::session::OsSession, String) {
    use expectrl::Expect;
    let small = data.join("small.jpg");
    std::fs::write(&small, samples::jpeg(320, 240, None, None)).unwrap();
    let mut p = demo_at_a_terminal(data, &["--before-photo", small.to_str().unwrap()]);
    for prompt in [
        "latest manufacturer's instructions",
        "minimum software or firmware version",
        "checklist of required station verification steps",
        "Site access notes",
    ] {
        p.expect(prompt)
            .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
        p.send("\r").unwrap();
    }
    let url = page_url(&mut p);
    p.expect("Photo of the station before any change").unwrap();
    (p, url)
}

/// The answer to the photo before work in the session's journal, and the session's folder.
fn photo_answer(data: &Path) -> (Value, std::path::PathBuf) {
    let journal = common::journal_of(data).expect("a journal");
    let answer = common::events(&journal)
        .into_iter()
        .rfind(|e| e["kind"] == "answer" && e["data"]["key"] == "before.photo")
        .expect("the photo answered");
    (answer, journal.parent().unwrap().to_path_buf())
}

/// At a terminal, the photo before work is taken from the phone's upload; a refused upload is
/// said at the prompt and the page stays.
#[test]
fn at_the_photo_prompt_the_phones_upload_wins() {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let (mut p, url) = at_the_photo_prompt(d.path());
    let (host, path) = split(&url);
    let (code, _) = post(&host, &path, b"GIF89a not a photo");
    assert_eq!(code, 415);
    p.expect("The phone's photo was not taken").unwrap();
    let bytes = samples::jpeg(800, 600, Some(1), Some(Some(POSITION)));
    let (code, text) = post(&host, &path, &bytes);
    assert_eq!(code, 200, "{text}");
    p.expect("Photo received from the phone").unwrap();
    // the session goes on with the next question
    p.expect("model and condition meet").unwrap();
    p.send("\x03").unwrap();
    p.expect("Interrupted").unwrap();
    p.get_process().wait().unwrap();

    let (answer, dir) = photo_answer(d.path());
    assert_eq!(answer["data"]["source"], "prompt");
    let kept = std::path::PathBuf::from(answer["data"]["value"].as_str().unwrap());
    assert_eq!(kept, dir.join("photos/phone-before.photo-1.jpg"));
    assert_eq!(std::fs::read(&kept).unwrap(), bytes, "as the phone sent it");
    assert_eq!(std::fs::read(dir.join("photos/before.jpg")).unwrap(), bytes);
    assert!(near(position_of(d.path(), &kept), POSITION));
    // the page ended with the prompt
    assert_eq!(get(&host, &path).0, 0);
    // a support bundle holds the photo as the phone sent it, and verifies
    let bundle = d.path().join("bundle.tar.gz");
    let o = common::evfield(d.path())
        .args(["--json", "export"])
        .arg(&dir)
        .arg("-o")
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", common::text(&o));
    let files = common::json(&o)["files"].clone();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    assert!(
        files
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "photos/phone-before.photo-1.jpg" && f["sha256"] == sha.as_str()),
        "{files}"
    );
    let o = common::evfield(d.path())
        .args(["--json", "log", "verify"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", common::text(&o));
}

/// At the same prompt a typed path answers as well; the page ends with it.
#[test]
fn at_the_photo_prompt_a_typed_path_wins_too() {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let typed = d.path().join("typed.jpg");
    let bytes = samples::jpeg(640, 480, None, None);
    std::fs::write(&typed, &bytes).unwrap();
    let (mut p, url) = at_the_photo_prompt(d.path());
    p.send(format!("{}\r", typed.display())).unwrap();
    p.expect("model and condition meet").unwrap();
    let (host, path) = split(&url);
    assert_eq!(get(&host, &path).0, 0, "the page ended with its prompt");
    p.send("\x03").unwrap();
    p.expect("Interrupted").unwrap();
    p.get_process().wait().unwrap();
    let (answer, dir) = photo_answer(d.path());
    assert_eq!(answer["data"]["value"], typed.display().to_string());
    assert_eq!(std::fs::read(dir.join("photos/before.jpg")).unwrap(), bytes);
    assert!(!dir.join("photos/phone-before.photo-1.jpg").exists());
}

/// `--sim-photo phone`: the SIM carrier's photo is taken with the phone before the session (a
/// barcode made by zint, not our encoder); its ICCID is shown to be confirmed as from a file.
#[test]
fn a_code_photo_can_come_from_the_phone() {
    use expectrl::Expect;
    let d = tempfile::tempdir().unwrap();
    let png = d.path().join("sim.png");
    let run = Command::new("zint")
        .args(["-b", "CODE128", "-d", evfield::sandbox::demo::NEW_ICCID])
        .args(["--scale=2", "--quietzones", "-o"])
        .arg(&png)
        .output()
        .unwrap_or_else(|e| {
            panic!("zint is needed to make the test barcode ({e}): apt-get install -y zint")
        });
    assert!(run.status.success(), "zint: {run:?}");
    let mut p = demo_at_a_terminal(d.path(), &["--sim-photo", "phone"]);
    let url = page_url(&mut p);
    p.expect("Photo for --sim-photo").unwrap();
    let (host, path) = split(&url);
    // a photo without the code: said, and a new page asks again
    let (code, _) = post(&host, &path, &samples::png(320, 240, false));
    assert_eq!(code, 200);
    p.expect("Take the photo again").unwrap();
    let again = page_url(&mut p);
    assert_ne!(again, url, "a new page, a new token");
    let (host, path) = split(&again);
    let (code, text) = post(&host, &path, &std::fs::read(&png).unwrap());
    assert_eq!(code, 200, "{text}");
    p.expect(format!("{}. Use it?", evfield::sandbox::demo::NEW_ICCID).as_str())
        .unwrap();
    p.send("\x03").unwrap();
    p.get_process().wait().unwrap();
}
