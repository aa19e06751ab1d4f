//! Tenant scoping in one place. Every tenant-owned entity declares its tenant column
//! once (`tenant_owned!`), and handlers reach those tables only through a [`Tenant`],
//! which adds `tenant_id = …` to every query it builds. A `Tenant` is made only from an
//! authenticated caller's membership (or by sign-up, for the restaurant it creates).

use sea_orm::{
    ColumnTrait, DeleteMany, EntityTrait, PrimaryKeyTrait, QueryFilter, Select, UpdateMany,
};
use uuid::Uuid;

/// An entity whose rows belong to one restaurant.
pub trait TenantOwned: EntityTrait {
    fn tenant_column() -> Self::Column;
}

/// Declares an entity's `tenant_id` column as its tenant column.
macro_rules! tenant_owned {
    ($entity:ty) => {
        impl $crate::tenant::TenantOwned for $entity {
            fn tenant_column() -> Self::Column {
                Column::TenantId
            }
        }
    };
}
pub(crate) use tenant_owned;

/// The restaurant a request acts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenant {
    id: Uuid,
}

impl Tenant {
    pub(crate) fn new(id: Uuid) -> Self {
        Self { id }
    }

    pub fn id(&self) -> Uuid {
        self.id
    }

    /// Every row of `E` in this restaurant.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.id))
    }

    /// One row of `E` by id, only if it belongs to this restaurant.
    pub fn find_by_id<E>(&self, id: Uuid) -> Select<E>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        E::find_by_id(id).filter(E::tenant_column().eq(self.id))
    }

    /// An update limited to this restaurant's rows.
    pub fn update_many<E: TenantOwned>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.id))
    }

    /// A delete limited to this restaurant's rows.
    pub fn delete_many<E: TenantOwned>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.id))
    }
}
