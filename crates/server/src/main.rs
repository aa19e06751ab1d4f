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
