//! Benchmarks of the permission hot paths: one check on a resolved set, and resolving a
//! manager with a restaurant override, personal overrides and a custom role.

use brigade_domain::permissions::{
    code, resolve, HeldRole, Overrides, Permission, PermissionSet, Subject, SystemRole,
};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn manager_overrides() -> (Overrides, Overrides, PermissionSet) {
    let mut restaurant = Overrides::new();
    restaurant.grant(code::CUSTOMERS_VIEW);
    restaurant.grant(code::CUSTOMERS_VIEW_ORDERS);
    restaurant.grant(code::STAFF_ASSIGN_ROLES);
    restaurant.deny(code::ORDERS_DELETE);
    restaurant.deny(code::ANALYTICS_EXPORT);

    let mut personal = Overrides::new();
    personal.grant(code::RESTAURANT_VIEW_SETTINGS);
    personal.deny(code::AUDIT_VIEW);
    personal.deny(code::CASHIER_VIEW_TOTALS);

    let host: PermissionSet = [
        code::RESERVATIONS_VIEW,
        code::RESERVATIONS_CREATE,
        code::RESERVATIONS_CONFIRM,
        code::CUSTOMERS_MANAGE_LOYALTY,
    ]
    .into_iter()
    .collect();
    (restaurant, personal, host)
}

fn benches(c: &mut Criterion) {
    let (restaurant, personal, host) = manager_overrides();
    let roles = [
        HeldRole::System {
            role: SystemRole::Manager,
            restaurant_override: Some(&restaurant),
        },
        HeldRole::Custom {
            name: "Host",
            permissions: host,
        },
    ];
    let subject = Subject {
        is_owner: false,
        personal: &personal,
        roles: &roles,
    };
    let resolved = resolve(&subject);
    let checked: Permission = code::ORDERS_CANCEL;

    c.bench_function("permission_check", |b| {
        b.iter(|| black_box(&resolved).contains(black_box(checked)))
    });

    c.bench_function("resolve_from_overrides", |b| {
        b.iter(|| resolve(black_box(&subject)))
    });
}

criterion_group!(resolver, benches);
criterion_main!(resolver);
