//! The `brigade` binary. `brigade` serves; `brigade openapi` prints the OpenAPI
//! document (what `make openapi` commits); `brigade demo` migrates the configured
//! database and fills it with a demo restaurant (what `make demo` runs).

use brigade_server::config::Settings;
use brigade_server::startup::{connect, Application};
use brigade_server::{demo, openapi, telemetry};

fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        print!("{}", openapi::document_json()?);
        return Ok(());
    }
    telemetry::init();
    if std::env::args().nth(1).as_deref() == Some("demo") {
        return actix_web::rt::System::new().block_on(async {
            let settings = Settings::from_env()?;
            demo::allowed_in(settings.environment)?;
            let db = connect(&settings).await?;
            demo::run(&db).await
        });
    }
    raise_open_file_limit();
    actix_web::rt::System::new().block_on(async {
        let settings = Settings::from_env()?;
        tracing::info!(bind = %settings.bind, environment = ?settings.environment, sqlite = settings.is_sqlite(), "starting Brigade");
        let host = match settings.bind.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        let application = Application::build(settings).await?;
        // One plain line on standard output, whatever the log filter: people read it,
        // and tests that start the binary on port 0 read the port from it.
        println!("Brigade is listening on http://{host}:{}/", application.port());
        tracing::info!(port = application.port(), "listening; API docs at /api/docs/");
        application.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Each open WebSocket holds a file descriptor: the soft limit on open files (often
/// 1,024) is raised to the hard one where the system allows, and the log says so
/// either way.
fn raise_open_file_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        tracing::warn!("could not read the open-file limit; live connections may be capped by it");
        return;
    }
    let before = limit.rlim_cur;
    if limit.rlim_cur >= limit.rlim_max {
        tracing::info!(
            open_files = before,
            "open-file limit already at its maximum"
        );
        return;
    }
    limit.rlim_cur = limit.rlim_max;
    // SAFETY: as above.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) } == 0 {
        tracing::info!(
            from = before,
            to = limit.rlim_max,
            "raised the open-file limit"
        );
    } else {
        tracing::warn!(
            open_files = before,
            "could not raise the open-file limit: at most about this many live connections"
        );
    }
}
