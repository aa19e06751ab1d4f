//! `brigade demo`: a demo restaurant, "Brigade Demo", with its owner, one member per
//! other system role and a "Barman" holding a custom role, all with one password, so a
//! newcomer can see Brigade through every role's eyes. Running it again creates nothing
//! and prints the same logins.

use brigade_domain::permissions::{code, PermissionSet, SystemRole};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, AuditRecord};
use crate::auth::password;
use crate::entities::{account, custom_role, membership, membership_role, restaurant, venue};

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

/// Creates the demo restaurant unless its owner exists, and prints the logins.
pub async fn run(db: &DatabaseConnection) -> anyhow::Result<()> {
    let exists = account::Entity::find()
        .filter(account::Column::Email.eq(PEOPLE[0].email))
        .one(db)
        .await?
        .is_some();
    if exists {
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
    let now = Utc::now();
    let restaurant_id = Uuid::new_v4();
    let barman_id = Uuid::new_v4();
    let txn = db.begin().await?;
    restaurant::ActiveModel {
        id: Set(restaurant_id),
        name: Set(RESTAURANT.to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    venue::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(restaurant_id),
        name: Set(RESTAURANT.to_owned()),
        table_count: Set(12),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    custom_role::ActiveModel {
        id: Set(barman_id),
        tenant_id: Set(restaurant_id),
        name: Set("Barman".to_owned()),
        description: Set("Serves drinks, keeps the bar's stock".to_owned()),
        color: Set("#2f855a".to_owned()),
        permissions: Set(json!(barman_codes().codes())),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut owner_account = None;
    for person in PEOPLE {
        let account_id = Uuid::new_v4();
        let membership_id = Uuid::new_v4();
        owner_account.get_or_insert(account_id);
        account::ActiveModel {
            id: Set(account_id),
            email: Set(person.email.to_owned()),
            name: Set(person.name.to_owned()),
            password_hash: Set(password_hash.clone()),
            must_change_password: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        membership::ActiveModel {
            id: Set(membership_id),
            tenant_id: Set(restaurant_id),
            account_id: Set(account_id),
            role: Set(person.role.as_str().to_owned()),
            permission_overrides: Set(json!({})),
            active: Set(true),
            last_activity_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        if person.barman {
            membership_role::ActiveModel {
                id: Set(Uuid::new_v4()),
                tenant_id: Set(restaurant_id),
                membership_id: Set(membership_id),
                system_role: Set(None),
                custom_role_id: Set(Some(barman_id)),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(restaurant_id),
            actor_account_id: owner_account,
            action: "restaurant.demo_created",
            entity: "restaurant",
            entity_id: Some(restaurant_id.to_string()),
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
