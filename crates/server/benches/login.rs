//! Login throughput, and how the rest of the API answers while logins run. Argon2id is
//! deliberately expensive; this shows it is kept off the async executor: `/health`
//! and `/me` latencies under a login storm stay close to their idle values.
//!
//! Run with `make bench` (release build, SQLite in a temporary file).

use std::time::{Duration, Instant};

use brigade_server::config::Settings;
use brigade_server::startup::Application;
use serde_json::{json, Value};

const PASSWORD: &str = "a long kitchen phrase";
const LOGIN_WORKERS: usize = 8;
const LOAD_SECONDS: u64 = 6;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

async fn latencies(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    until: Instant,
) -> Vec<Duration> {
    let mut samples = Vec::new();
    while Instant::now() < until {
        let started = Instant::now();
        let mut request = client.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        match request.send().await {
            Ok(response) if response.status().is_success() => samples.push(started.elapsed()),
            Ok(response) => panic!("{url} answered {}", response.status()),
            Err(error) => panic!("{url} failed: {error}"),
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    samples
}

fn report(name: &str, samples: &mut [Duration]) {
    let count = samples.len();
    let p50 = percentile(samples, 0.5);
    let p99 = percentile(samples, 0.99);
    println!(
        "{name:<28} n={count:<5} p50={:>8.2} ms  p99={:>8.2} ms",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
}

async fn run() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("brigade-bench-{}", uuid::Uuid::new_v4().simple()));
    let vars = [
        ("BRIGADE_BIND", "127.0.0.1:0".to_owned()),
        ("BRIGADE_DATA_DIR", dir.display().to_string()),
        (
            "BRIGADE_JWT_SECRET",
            "bench-signing-secret-that-is-long-enough".to_owned(),
        ),
    ];
    let settings = Settings::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    })?;
    let application = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::new();

    // One account per login client: attempts in flight count against an email's limit.
    let mut token = String::new();
    for worker in 0..LOGIN_WORKERS {
        let signup: Value = client
            .post(format!("{base}/api/v1/auth/signup"))
            .json(&json!({ "restaurant_name": "Bench", "owner_name": "Owner", "email": format!("bench-{worker}@example.com"), "password": PASSWORD, "table_count": 10 }))
            .send()
            .await?
            .json()
            .await?;
        token = signup["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
    }

    let idle_until = Instant::now() + Duration::from_secs(2);
    let mut idle_me = latencies(
        &client,
        &format!("{base}/api/v1/me"),
        Some(&token),
        idle_until,
    )
    .await;
    let mut idle_health = latencies(
        &client,
        &format!("{base}/health"),
        None,
        Instant::now() + Duration::from_secs(1),
    )
    .await;

    let until = Instant::now() + Duration::from_secs(LOAD_SECONDS);
    let started = Instant::now();
    let workers: Vec<_> = (0..LOGIN_WORKERS)
        .map(|worker| {
            let client = client.clone();
            let url = format!("{base}/api/v1/auth/login");
            let email = format!("bench-{worker}@example.com");
            tokio::spawn(async move {
                let mut done = 0u64;
                while Instant::now() < until {
                    let response = client
                        .post(&url)
                        .json(&json!({ "email": email, "password": PASSWORD }))
                        .send()
                        .await;
                    match response {
                        Ok(r) if r.status().is_success() => done += 1,
                        Ok(r) => panic!("login answered {}", r.status()),
                        Err(e) => panic!("login failed: {e}"),
                    }
                }
                done
            })
        })
        .collect();
    let me_under_load = tokio::spawn({
        let (client, url, token) = (client.clone(), format!("{base}/api/v1/me"), token.clone());
        async move { latencies(&client, &url, Some(&token), until).await }
    });
    let health_under_load = tokio::spawn({
        let (client, url) = (client.clone(), format!("{base}/health"));
        async move { latencies(&client, &url, None, until).await }
    });
    let mut logins = 0;
    for worker in workers {
        logins += worker.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut loaded_me = me_under_load.await?;
    let mut loaded_health = health_under_load.await?;

    println!("login throughput: {logins} logins in {elapsed:.1} s = {:.1} logins/s ({LOGIN_WORKERS} concurrent clients, argon2id m=19MiB t=2 p=1)", logins as f64 / elapsed);
    report("GET /health idle", &mut idle_health);
    report("GET /health during logins", &mut loaded_health);
    report("GET /api/v1/me idle", &mut idle_me);
    report("GET /api/v1/me during logins", &mut loaded_me);
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; there are no options to read. Server errors, if
    // any, are printed (BRIGADE_LOG=warn unless set).
    if std::env::var_os("BRIGADE_LOG").is_none() {
        std::env::set_var("BRIGADE_LOG", "warn");
    }
    brigade_server::telemetry::init();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}
