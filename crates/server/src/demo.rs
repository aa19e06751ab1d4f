//! `brigade demo`: a demo restaurant, "Brigade Demo", with its owner, one member per
//! other system role and a "Barman" holding a custom role, all with one password, so a
//! newcomer can see Brigade through every role's eyes. Running it again creates nothing
//! and prints the same logins.

use brigade_domain::permissions::{code, PermissionSet, SystemRole};
use sea_orm::DatabaseConnection;
use serde_json::json;
use uuid::Uuid;

use crate::accounts::{password, store as accounts};
use crate::audit::{self, AuditRecord};
use crate::config::Environment;
use crate::platform::Tenant;
use crate::restaurants::store as restaurants;
use crate::roles::store::{self as roles, RoleFields};
use crate::team::store::{self as team, NewPerson};

/// The password every demo login shares.
pub const DEMO_PASSWORD: &str = "brigade demo kitchen";
const RESTAURANT: &str = "Brigade Demo";

/// One demo login: email, name, what they hold.
struct Person {
    email: &'static str,
    name: &'static str,
    role: SystemRole,
    barman: bool,
}

const PEOPLE: &[Person] = &[
    Person {
        email: "owner@demo.brigade.test",
        name: "Ana Duval",
        role: SystemRole::Owner,
        barman: false,
    },
    Person {
        email: "admin@demo.brigade.test",
        name: "Bruno Costa",
        role: SystemRole::Admin,
        barman: false,
    },
    Person {
        email: "manager@demo.brigade.test",
        name: "Chloé Martin",
        role: SystemRole::Manager,
        barman: false,
    },
    Person {
        email: "cashier@demo.brigade.test",
        name: "Dario Rossi",
        role: SystemRole::Cashier,
        barman: false,
    },
    Person {
        email: "chef@demo.brigade.test",
        name: "Élise Bernard",
        role: SystemRole::Chef,
        barman: false,
    },
    Person {
        email: "waiter@demo.brigade.test",
        name: "Franco Bianchi",
        role: SystemRole::Waiter,
        barman: false,
    },
    Person {
        email: "barman@demo.brigade.test",
        name: "Gaël Petit",
        role: SystemRole::Waiter,
        barman: true,
    },
];

/// The custom role's codes: taking and serving drink orders, the drinks on the menu and
/// the bar's stock.
fn barman_codes() -> PermissionSet {
    [
        code::ORDERS_VIEW_ALL,
        code::ORDERS_CREATE,
        code::ORDERS_ADD_PRODUCTS,
        code::ORDERS_COMPLETE,
        code::PRODUCTS_VIEW,
        code::PRODUCTS_SET_AVAILABILITY,
        code::INVENTORY_VIEW,
        code::INVENTORY_EDIT,
    ]
    .into_iter()
    .collect()
}

/// The demo's people have known passwords: a production database never gets them.
pub fn allowed_in(environment: Environment) -> anyhow::Result<()> {
    if environment == Environment::Production {
        anyhow::bail!(
            "brigade demo creates accounts with published passwords and refuses to run with BRIGADE_ENV=production"
        );
    }
    Ok(())
}

/// Creates the demo restaurant unless its owner exists, and prints the logins.
pub async fn run(db: &DatabaseConnection) -> anyhow::Result<()> {
    if accounts::by_email(db, PEOPLE[0].email).await?.is_some() {
        println!("The demo restaurant \"{RESTAURANT}\" already exists; its logins:\n");
    } else {
        create(db).await?;
        println!("Created the demo restaurant \"{RESTAURANT}\"; its logins:\n");
    }
    println!("{:<28} {:<18} password", "email", "role");
    for person in PEOPLE {
        let role = if person.barman {
            format!("{} + Barman", person.role)
        } else {
            person.role.to_string()
        };
        println!("{:<28} {:<18} {DEMO_PASSWORD}", person.email, role);
    }
    println!("\nStart Brigade with `make run` and log in at http://127.0.0.1:8080/");
    Ok(())
}

async fn create(db: &DatabaseConnection) -> anyhow::Result<()> {
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let tenant = Tenant::new(Uuid::new_v4());
    let txn = tenant.write(db).await?;
    restaurants::create(
        &txn,
        RESTAURANT,
        brigade_domain::invitations::Language::Fr,
        12,
    )
    .await?;
    let barman = roles::create_custom_role(
        &txn,
        &RoleFields {
            name: "Barman".to_owned(),
            description: "Serves drinks, keeps the bar's stock".to_owned(),
            color: "#2f855a".to_owned(),
            permissions: barman_codes(),
        },
    )
    .await?;
    // The floor: eight tables inside, four on the terrace.
    let now = chrono::Utc::now();
    crate::floor::store::furnish_zone(&txn, "Intérieur", 8, 4, now).await?;
    crate::floor::store::furnish_zone(&txn, "Terrasse", 4, 2, now).await?;
    crate::menu::store::furnish(&txn, now).await?;
    let mut owner_account = None;
    for person in PEOPLE {
        let added = team::add_person(
            &txn,
            NewPerson {
                email: person.email,
                name: person.name,
                password_hash: password_hash.clone(),
                must_change_password: false,
                role: person.role,
                last_activity_at: None,
            },
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("{} already has an account", person.email))?;
        owner_account.get_or_insert(added.account_id);
        if person.barman {
            team::replace_custom_roles(&txn, added.membership_id, &[barman]).await?;
        }
    }
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(tenant.id()),
            actor_account_id: owner_account,
            action: "restaurant.demo_created",
            entity: "restaurant",
            entity_id: Some(tenant.id().to_string()),
            after: Some(json!({
                "name": RESTAURANT,
                "members": PEOPLE.iter().map(|p| json!({ "email": p.email, "role": p.role })).collect::<Vec<_>>(),
            })),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
