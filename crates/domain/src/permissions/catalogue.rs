//! The permission catalogue: every fine code `module.action`, defined once, with its
//! module, labels in French, English and Italian, and a one-line English description.
//!
//! The single `catalogue!` invocation below builds [`CATALOGUE`], the named constants in
//! [`code`], [`Permission::from_code`] and the OpenAPI enum, so no second list exists.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A short UI label in each language the app ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Labels {
    pub fr: &'static str,
    pub en: &'static str,
    pub it: &'static str,
}

/// The section of the app a permission belongs to; the first part of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Module {
    Orders,
    Tables,
    Cashier,
    Products,
    Staff,
    PublicMenu,
    Analytics,
    Restaurant,
    Customers,
    Channels,
    Reservations,
    Inventory,
    Audit,
}

impl Module {
    /// Every module, in catalogue order.
    pub const ALL: [Module; 13] = [
        Module::Orders,
        Module::Tables,
        Module::Cashier,
        Module::Products,
        Module::Staff,
        Module::PublicMenu,
        Module::Analytics,
        Module::Restaurant,
        Module::Customers,
        Module::Channels,
        Module::Reservations,
        Module::Inventory,
        Module::Audit,
    ];

    /// The module as it appears on the wire and as the prefix of its codes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Module::Orders => "orders",
            Module::Tables => "tables",
            Module::Cashier => "cashier",
            Module::Products => "products",
            Module::Staff => "staff",
            Module::PublicMenu => "public_menu",
            Module::Analytics => "analytics",
            Module::Restaurant => "restaurant",
            Module::Customers => "customers",
            Module::Channels => "channels",
            Module::Reservations => "reservations",
            Module::Inventory => "inventory",
            Module::Audit => "audit",
        }
    }

    /// The module's name for the UI.
    pub const fn labels(self) -> &'static Labels {
        match self {
            Module::Orders => &Labels {
                fr: "Commandes",
                en: "Orders",
                it: "Ordini",
            },
            Module::Tables => &Labels {
                fr: "Tables",
                en: "Tables",
                it: "Tavoli",
            },
            Module::Cashier => &Labels {
                fr: "Caisse",
                en: "Till",
                it: "Cassa",
            },
            Module::Products => &Labels {
                fr: "Menu",
                en: "Menu",
                it: "Menu",
            },
            Module::Staff => &Labels {
                fr: "Équipe",
                en: "Team",
                it: "Team",
            },
            Module::PublicMenu => &Labels {
                fr: "Menu public",
                en: "Public menu",
                it: "Menu pubblico",
            },
            Module::Analytics => &Labels {
                fr: "Statistiques",
                en: "Statistics",
                it: "Statistiche",
            },
            Module::Restaurant => &Labels {
                fr: "Restaurant",
                en: "Restaurant",
                it: "Ristorante",
            },
            Module::Customers => &Labels {
                fr: "Clients",
                en: "Customers",
                it: "Clienti",
            },
            Module::Channels => &Labels {
                fr: "Canaux de vente",
                en: "Sales channels",
                it: "Canali di vendita",
            },
            Module::Reservations => &Labels {
                fr: "Réservations",
                en: "Reservations",
                it: "Prenotazioni",
            },
            Module::Inventory => &Labels {
                fr: "Stock",
                en: "Stock",
                it: "Scorte",
            },
            Module::Audit => &Labels {
                fr: "Journal d'activité",
                en: "Activity log",
                it: "Registro attività",
            },
        }
    }

    /// The module's permissions, in catalogue order (the checkbox tree's branches).
    pub fn permissions(self) -> impl Iterator<Item = Permission> {
        Permission::all().filter(move |p| p.module() == self)
    }
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionDef {
    /// The stable code, `module.action`.
    pub code: &'static str,
    pub module: Module,
    pub labels: Labels,
    /// What the permission allows, in one English line.
    pub description: &'static str,
}

/// A fine permission: an index into [`CATALOGUE`]. Ordered as the catalogue is.
///
/// Only the catalogue makes values of this type, so every `Permission` is a real code.
/// On the wire it is its code string; an unknown code does not deserialise.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permission(pub(super) u8);

/// A type that stands for one permission (see [`needs`]).
pub trait RequiredPermission {
    const PERMISSION: Permission;
}

macro_rules! catalogue {
    ($(
        $name:ident = $code:literal in $module:ident {
            fr: $fr:literal,
            en: $en:literal,
            it: $it:literal,
            $description:literal $(,)?
        }
    )+) => {
        /// Each constant's position in the catalogue; only used to number the constants.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u8)]
        enum Position { $($name),+ }

        /// Every permission, in catalogue order: note 002's codes in the note's order, then
        /// `reservations`, `inventory` and `audit`. A [`Permission`] indexes this slice.
        pub const CATALOGUE: &[PermissionDef] = &[$(
            PermissionDef {
                code: $code,
                module: Module::$module,
                labels: Labels { fr: $fr, en: $en, it: $it },
                description: $description,
            }
        ),+];

        /// The constants' names, parallel to [`CATALOGUE`] (checked against the codes in tests).
        #[cfg(test)]
        pub(super) const CONSTANT_NAMES: &[&str] = &[$(stringify!($name)),+];

        /// One constant per catalogue code, for compile-time-checked use in handlers:
        /// `code::ORDERS_VIEW_ALL` is `orders.view_all`.
        pub mod code {
            use super::Permission;
            $(
                #[doc = concat!("`", $code, "`: ", $description)]
                pub const $name: Permission = Permission(super::Position::$name as u8);
            )+
        }

        /// One type per catalogue code, for guards that name their permission in a type:
        /// the server's `Authorized<needs::STAFF_CREATE>` checks `staff.create` and
        /// documents it, from that one mention.
        pub mod needs {
            $(
                #[doc = concat!("The type of `", $code, "`: ", $description)]
                #[allow(non_camel_case_types)]
                #[derive(Debug, Clone, Copy)]
                pub struct $name;

                impl super::RequiredPermission for $name {
                    const PERMISSION: super::Permission = super::code::$name;
                }
            )+
        }

        impl Permission {
            /// The permission with this exact code, if the catalogue has it.
            pub fn from_code(code: &str) -> Option<Permission> {
                match code {
                    $($code => Some(code::$name),)+
                    _ => None,
                }
            }
        }
    };
}

catalogue! {
    // --- orders (note 002 §1) ---
    ORDERS_VIEW_ALL = "orders.view_all" in Orders {
        fr: "Voir toutes les commandes",
        en: "View all orders",
        it: "Vedere tutti gli ordini",
        "See every order of the restaurant, whoever took it.",
    }
    ORDERS_VIEW_OWN = "orders.view_own" in Orders {
        fr: "Voir ses propres commandes",
        en: "View own orders",
        it: "Vedere i propri ordini",
        "See only the orders this member created.",
    }
    ORDERS_VIEW_DETAILS = "orders.view_details" in Orders {
        fr: "Voir le détail des commandes",
        en: "View order details",
        it: "Vedere i dettagli degli ordini",
        "Open an order to see its timeline, items and notes.",
    }
    ORDERS_CREATE = "orders.create" in Orders {
        fr: "Créer des commandes",
        en: "Create orders",
        it: "Creare ordini",
        "Start a new order.",
    }
    ORDERS_EDIT = "orders.edit" in Orders {
        fr: "Modifier les commandes",
        en: "Edit orders",
        it: "Modificare gli ordini",
        "Change an order that is still pending or confirmed.",
    }
    ORDERS_ADD_PRODUCTS = "orders.add_products" in Orders {
        fr: "Ajouter des produits à une commande",
        en: "Add items to orders",
        it: "Aggiungere prodotti agli ordini",
        "Add items to an order that is being prepared.",
    }
    ORDERS_REMOVE_PRODUCTS = "orders.remove_products" in Orders {
        fr: "Retirer des produits d'une commande",
        en: "Remove items from orders",
        it: "Rimuovere prodotti dagli ordini",
        "Remove items from an order.",
    }
    ORDERS_EDIT_QUANTITIES = "orders.edit_quantities" in Orders {
        fr: "Modifier les quantités",
        en: "Change quantities",
        it: "Modificare le quantità",
        "Change the quantity of an item in an order.",
    }
    ORDERS_CONFIRM = "orders.confirm" in Orders {
        fr: "Confirmer les commandes",
        en: "Confirm orders",
        it: "Confermare gli ordini",
        "Move a pending order to confirmed.",
    }
    ORDERS_START_PREPARING = "orders.start_preparing" in Orders {
        fr: "Lancer la préparation",
        en: "Start preparing orders",
        it: "Mettere in preparazione",
        "Mark an order as being prepared in the kitchen.",
    }
    ORDERS_COMPLETE = "orders.complete" in Orders {
        fr: "Terminer les commandes",
        en: "Complete orders",
        it: "Completare gli ordini",
        "Mark an order as completed, which frees its table.",
    }
    ORDERS_CANCEL = "orders.cancel" in Orders {
        fr: "Annuler les commandes",
        en: "Cancel orders",
        it: "Annullare gli ordini",
        "Cancel an order.",
    }
    ORDERS_DELETE = "orders.delete" in Orders {
        fr: "Supprimer les commandes",
        en: "Delete orders",
        it: "Eliminare gli ordini",
        "Delete an order; it stays in the history as deleted.",
    }
    ORDERS_ADD_NOTES = "orders.add_notes" in Orders {
        fr: "Ajouter des notes aux commandes",
        en: "Add notes to orders",
        it: "Aggiungere note agli ordini",
        "Attach a note to an order for the kitchen or the floor.",
    }
    ORDERS_SET_PRIORITY = "orders.set_priority" in Orders {
        fr: "Rendre une commande prioritaire",
        en: "Prioritise orders",
        it: "Impostare ordini prioritari",
        "Flag an order as a priority.",
    }
    ORDERS_CHANGE_TABLE = "orders.change_table" in Orders {
        fr: "Changer la table d'une commande",
        en: "Move orders to another table",
        it: "Cambiare il tavolo di un ordine",
        "Move an order to another table.",
    }
    ORDERS_GENERATE_PRECONTO = "orders.generate_preconto" in Orders {
        fr: "Éditer une pré-addition",
        en: "Print pre-bills",
        it: "Generare il preconto",
        "Print a pro-forma bill for an order before payment.",
    }

    // --- tables (note 002 §2) ---
    TABLES_VIEW = "tables.view" in Tables {
        fr: "Voir les tables",
        en: "View tables",
        it: "Vedere i tavoli",
        "See the rooms and the status of each table.",
    }
    TABLES_OPEN = "tables.open" in Tables {
        fr: "Ouvrir une table",
        en: "Open tables",
        it: "Aprire i tavoli",
        "Seat guests at a table by starting its order.",
    }
    TABLES_CHANGE = "tables.change" in Tables {
        fr: "Changer de table",
        en: "Change tables",
        it: "Cambiare tavolo",
        "Move a party and its order to another table.",
    }
    TABLES_CLOSE = "tables.close" in Tables {
        fr: "Fermer une table",
        en: "Close tables",
        it: "Chiudere i tavoli",
        "Close a table by completing its orders.",
    }
    TABLES_MANAGE = "tables.manage" in Tables {
        fr: "Configurer les tables et les salles",
        en: "Set up tables and rooms",
        it: "Configurare tavoli e sale",
        "Create, rename and delete tables and rooms.",
    }

    // --- cashier (note 002 §3) ---
    CASHIER_ACCESS = "cashier.access" in Cashier {
        fr: "Accéder à la caisse",
        en: "Open the till",
        it: "Accedere alla cassa",
        "Open the till page.",
    }
    CASHIER_VIEW_ORDERS = "cashier.view_orders" in Cashier {
        fr: "Voir les commandes en caisse",
        en: "View orders at the till",
        it: "Vedere gli ordini in cassa",
        "See the orders waiting for payment at the till.",
    }
    CASHIER_CLOSE_TABLES = "cashier.close_tables" in Cashier {
        fr: "Encaisser et fermer les tables",
        en: "Close tables at the till",
        it: "Chiudere i tavoli dalla cassa",
        "Take payment and close a table from the till.",
    }
    CASHIER_PRINT_RECEIPT = "cashier.print_receipt" in Cashier {
        fr: "Imprimer les tickets de caisse",
        en: "Print receipts",
        it: "Stampare gli scontrini",
        "Print the fiscal receipt for a payment.",
    }
    CASHIER_GENERATE_PRECONTO = "cashier.generate_preconto" in Cashier {
        fr: "Éditer une pré-addition en caisse",
        en: "Print pre-bills at the till",
        it: "Generare preconti in cassa",
        "Print a pro-forma bill from the till.",
    }
    CASHIER_VIEW_TOTALS = "cashier.view_totals" in Cashier {
        fr: "Voir les totaux du jour",
        en: "View daily totals",
        it: "Vedere i totali giornalieri",
        "See the day's takings at the till.",
    }

    // --- products (note 002 §4) ---
    PRODUCTS_VIEW = "products.view" in Products {
        fr: "Voir les produits",
        en: "View products",
        it: "Vedere i prodotti",
        "See the product list and categories.",
    }
    PRODUCTS_CREATE = "products.create" in Products {
        fr: "Créer des produits",
        en: "Create products",
        it: "Creare prodotti",
        "Add a new product to the menu.",
    }
    PRODUCTS_EDIT = "products.edit" in Products {
        fr: "Modifier les produits",
        en: "Edit products",
        it: "Modificare i prodotti",
        "Change an existing product.",
    }
    PRODUCTS_DELETE = "products.delete" in Products {
        fr: "Supprimer des produits",
        en: "Delete products",
        it: "Eliminare prodotti",
        "Remove a product from the menu.",
    }
    PRODUCTS_MANAGE_VARIANTS = "products.manage_variants" in Products {
        fr: "Gérer les variantes",
        en: "Manage variants",
        it: "Gestire le varianti",
        "Manage a product's variants, such as sizes and ingredients.",
    }
    PRODUCTS_MANAGE_CATEGORIES = "products.manage_categories" in Products {
        fr: "Gérer les catégories",
        en: "Manage categories",
        it: "Gestire le categorie",
        "Create, rename and delete product categories.",
    }
    PRODUCTS_UPLOAD_IMAGES = "products.upload_images" in Products {
        fr: "Ajouter des photos",
        en: "Upload images",
        it: "Caricare immagini",
        "Upload product photos.",
    }
    PRODUCTS_SET_AVAILABILITY = "products.set_availability" in Products {
        fr: "Gérer la disponibilité",
        en: "Set availability",
        it: "Impostare la disponibilità",
        "Mark a product as available or temporarily out of stock.",
    }
    PRODUCTS_SET_PRICES = "products.set_prices" in Products {
        fr: "Modifier les prix",
        en: "Set prices",
        it: "Modificare i prezzi",
        "Change product prices.",
    }
    PRODUCTS_SET_PRIORITY = "products.set_priority" in Products {
        fr: "Ordonner l'affichage",
        en: "Set display order",
        it: "Impostare l'ordine di visualizzazione",
        "Choose the order in which products are shown.",
    }

    // --- staff (note 002 §5) ---
    STAFF_VIEW = "staff.view" in Staff {
        fr: "Voir l'équipe",
        en: "View the team",
        it: "Vedere il team",
        "See the staff members and their roles.",
    }
    STAFF_CREATE = "staff.create" in Staff {
        fr: "Inviter des membres",
        en: "Invite team members",
        it: "Invitare membri",
        "Invite or create a new staff member.",
    }
    STAFF_EDIT = "staff.edit" in Staff {
        fr: "Modifier les membres",
        en: "Edit team members",
        it: "Modificare i membri",
        "Change a member's name, email or phone.",
    }
    STAFF_DELETE = "staff.delete" in Staff {
        fr: "Retirer des membres",
        en: "Remove team members",
        it: "Eliminare membri",
        "Remove a member from the restaurant.",
    }
    STAFF_DEACTIVATE = "staff.deactivate" in Staff {
        fr: "Désactiver des membres",
        en: "Deactivate team members",
        it: "Disattivare membri",
        "Deactivate or reactivate a member's access.",
    }
    STAFF_MANAGE_ROLES = "staff.manage_roles" in Staff {
        fr: "Gérer les rôles",
        en: "Manage roles",
        it: "Gestire i ruoli",
        "Create, edit and delete roles and their permissions.",
    }
    STAFF_ASSIGN_ROLES = "staff.assign_roles" in Staff {
        fr: "Attribuer des rôles",
        en: "Assign roles",
        it: "Assegnare ruoli",
        "Give roles to members and adjust their personal permissions.",
    }
    STAFF_VIEW_PERMISSIONS = "staff.view_permissions" in Staff {
        fr: "Voir les permissions",
        en: "View permissions",
        it: "Vedere i permessi",
        "See what each role and member is allowed to do.",
    }
    // Note 000 §1's team messages: not in note 002, kept with the team's codes.
    STAFF_SEND_MESSAGES = "staff.send_messages" in Staff {
        fr: "Écrire à l'équipe",
        en: "Message the team",
        it: "Scrivere al team",
        "Send a short message to the whole team or to one role; it arrives as a notification.",
    }

    // --- public_menu (note 002 §6) ---
    PUBLIC_MENU_VIEW_SETTINGS = "public_menu.view_settings" in PublicMenu {
        fr: "Voir les réglages du menu public",
        en: "View public menu settings",
        it: "Vedere le impostazioni del menu pubblico",
        "See the public menu's theme, layout and hours.",
    }
    PUBLIC_MENU_EDIT_SETTINGS = "public_menu.edit_settings" in PublicMenu {
        fr: "Modifier le menu public",
        en: "Edit public menu settings",
        it: "Modificare il menu pubblico",
        "Change the public menu's theme, layout and hours.",
    }
    PUBLIC_MENU_MANAGE_QR = "public_menu.manage_qr" in PublicMenu {
        fr: "Gérer les QR codes",
        en: "Manage QR codes",
        it: "Gestire i codici QR",
        "Generate and download the QR codes that open the public menu.",
    }

    // --- analytics (note 002 §7) ---
    ANALYTICS_VIEW = "analytics.view" in Analytics {
        fr: "Accéder aux statistiques",
        en: "Open statistics",
        it: "Accedere alle statistiche",
        "Open the analytics section.",
    }
    ANALYTICS_VIEW_REVENUE = "analytics.view_revenue" in Analytics {
        fr: "Voir le chiffre d'affaires",
        en: "View revenue",
        it: "Vedere il fatturato",
        "See revenue and sales figures.",
    }
    ANALYTICS_VIEW_PRODUCTS = "analytics.view_products" in Analytics {
        fr: "Voir les meilleures ventes",
        en: "View top products",
        it: "Vedere i prodotti più venduti",
        "See the best-selling products.",
    }
    ANALYTICS_VIEW_CONVERSION = "analytics.view_conversion" in Analytics {
        fr: "Voir le taux de conversion",
        en: "View conversion",
        it: "Vedere il funnel di conversione",
        "See the conversion funnel from menu visit to order.",
    }
    ANALYTICS_VIEW_TIME_ANALYSIS = "analytics.view_time_analysis" in Analytics {
        fr: "Voir l'activité par créneau",
        en: "View activity by time",
        it: "Vedere l'analisi per fasce orarie",
        "See activity by time of day, including peak hours.",
    }
    ANALYTICS_VIEW_AOV = "analytics.view_aov" in Analytics {
        fr: "Voir le panier moyen",
        en: "View average order value",
        it: "Vedere lo scontrino medio",
        "See the average order value.",
    }
    ANALYTICS_EXPORT = "analytics.export" in Analytics {
        fr: "Exporter les statistiques",
        en: "Export statistics",
        it: "Esportare le statistiche",
        "Download analytics as CSV or PDF.",
    }

    // --- restaurant (note 002 §8) ---
    RESTAURANT_VIEW_SETTINGS = "restaurant.view_settings" in Restaurant {
        fr: "Voir les réglages du restaurant",
        en: "View restaurant settings",
        it: "Vedere le impostazioni del ristorante",
        "See the restaurant's details and settings.",
    }
    RESTAURANT_EDIT_SETTINGS = "restaurant.edit_settings" in Restaurant {
        fr: "Modifier les informations du restaurant",
        en: "Edit restaurant details",
        it: "Modificare i dati del ristorante",
        "Change the restaurant's name, address and contact details.",
    }
    RESTAURANT_EDIT_OPENING_HOURS = "restaurant.edit_opening_hours" in Restaurant {
        fr: "Modifier les horaires d'ouverture",
        en: "Edit opening hours",
        it: "Modificare gli orari di apertura",
        "Change the opening hours.",
    }
    RESTAURANT_MANAGE_ROOMS = "restaurant.manage_rooms" in Restaurant {
        fr: "Gérer les salles",
        en: "Manage rooms",
        it: "Gestire le sale",
        "Create, rename and delete dining rooms.",
    }
    RESTAURANT_VIEW_FISCAL = "restaurant.view_fiscal" in Restaurant {
        fr: "Voir les réglages fiscaux",
        en: "View tax settings",
        it: "Vedere le impostazioni fiscali",
        "See the VAT number and receipt settings.",
    }
    RESTAURANT_EDIT_FISCAL = "restaurant.edit_fiscal" in Restaurant {
        fr: "Modifier les réglages fiscaux",
        en: "Edit tax settings",
        it: "Modificare le impostazioni fiscali",
        "Change the VAT number and receipt settings.",
    }
    RESTAURANT_VIEW_SUBSCRIPTION = "restaurant.view_subscription" in Restaurant {
        fr: "Voir l'abonnement",
        en: "View subscription",
        it: "Vedere l'abbonamento",
        "See the current plan.",
    }
    RESTAURANT_MANAGE_SUBSCRIPTION = "restaurant.manage_subscription" in Restaurant {
        fr: "Gérer l'abonnement",
        en: "Manage subscription",
        it: "Gestire l'abbonamento",
        "Upgrade or downgrade the plan.",
    }

    // --- customers (note 002 §9) ---
    CUSTOMERS_VIEW = "customers.view" in Customers {
        fr: "Voir les clients",
        en: "View customers",
        it: "Vedere i clienti",
        "See the list of registered customers.",
    }
    CUSTOMERS_EDIT = "customers.edit" in Customers {
        fr: "Modifier les clients",
        en: "Edit customers",
        it: "Modificare i clienti",
        "Change a customer's details.",
    }
    CUSTOMERS_DELETE = "customers.delete" in Customers {
        fr: "Supprimer des clients",
        en: "Delete customers",
        it: "Eliminare clienti",
        "Delete a customer's record.",
    }
    CUSTOMERS_VIEW_ORDERS = "customers.view_orders" in Customers {
        fr: "Voir l'historique des clients",
        en: "View customer order history",
        it: "Vedere lo storico ordini dei clienti",
        "See a customer's past orders.",
    }
    CUSTOMERS_MANAGE_LOYALTY = "customers.manage_loyalty" in Customers {
        fr: "Gérer la fidélité",
        en: "Manage loyalty points",
        it: "Gestire i punti fedeltà",
        "Adjust customers' loyalty points.",
    }

    // --- channels (note 002 §10) ---
    CHANNELS_VIEW = "channels.view" in Channels {
        fr: "Voir les canaux de vente",
        en: "View sales channels",
        it: "Vedere i canali di vendita",
        "See which sales channels are active.",
    }
    CHANNELS_MANAGE = "channels.manage" in Channels {
        fr: "Configurer les canaux de vente",
        en: "Manage sales channels",
        it: "Configurare i canali di vendita",
        "Set up sales channels such as the QR menu and delivery.",
    }

    // --- reservations (note 000: module × view/add/edit/delete, confirmed/cancelled) ---
    RESERVATIONS_VIEW = "reservations.view" in Reservations {
        fr: "Voir les réservations",
        en: "View reservations",
        it: "Vedere le prenotazioni",
        "See the reservation book.",
    }
    RESERVATIONS_CREATE = "reservations.create" in Reservations {
        fr: "Créer des réservations",
        en: "Create reservations",
        it: "Creare prenotazioni",
        "Take a new reservation.",
    }
    RESERVATIONS_EDIT = "reservations.edit" in Reservations {
        fr: "Modifier les réservations",
        en: "Edit reservations",
        it: "Modificare le prenotazioni",
        "Change a reservation's date, time, party size or notes.",
    }
    RESERVATIONS_CONFIRM = "reservations.confirm" in Reservations {
        fr: "Confirmer les réservations",
        en: "Confirm reservations",
        it: "Confermare le prenotazioni",
        "Confirm a pending reservation.",
    }
    RESERVATIONS_CANCEL = "reservations.cancel" in Reservations {
        fr: "Annuler les réservations",
        en: "Cancel reservations",
        it: "Annullare le prenotazioni",
        "Cancel a reservation.",
    }
    RESERVATIONS_DELETE = "reservations.delete" in Reservations {
        fr: "Supprimer des réservations",
        en: "Delete reservations",
        it: "Eliminare prenotazioni",
        "Delete a reservation from the book.",
    }

    // --- inventory (note 001's stock permissions) ---
    INVENTORY_VIEW = "inventory.view" in Inventory {
        fr: "Voir le stock",
        en: "View stock",
        it: "Vedere le scorte",
        "See stock levels and low-stock alerts.",
    }
    INVENTORY_EDIT = "inventory.edit" in Inventory {
        fr: "Modifier le stock",
        en: "Edit stock",
        it: "Modificare le scorte",
        "Change stock levels and alert thresholds.",
    }

    // --- audit (note 000's activity history) ---
    AUDIT_VIEW = "audit.view" in Audit {
        fr: "Voir le journal d'activité",
        en: "View activity log",
        it: "Vedere il registro attività",
        "See who changed what, and when.",
    }

}

/// How many codes the catalogue holds.
pub(super) const LEN: usize = CATALOGUE.len();

const _: () = assert!(
    LEN <= 128,
    "PermissionSet is two u64 words: grow it before adding code 129"
);

/// Whether two strings are equal, usable in `const` items.
pub(super) const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The permission for `code`, at compile time: a `const` table naming an unknown code
/// fails the build instead of failing at run time.
pub(super) const fn const_from_code(code: &str) -> Permission {
    let mut i = 0;
    while i < LEN {
        if const_str_eq(CATALOGUE[i].code, code) {
            return Permission(i as u8);
        }
        i += 1;
    }
    panic!("a const permission table names a code that is not in the catalogue")
}

impl Permission {
    /// The stable code, `module.action`.
    pub const fn code(self) -> &'static str {
        CATALOGUE[self.0 as usize].code
    }

    /// The catalogue entry.
    pub const fn def(self) -> &'static PermissionDef {
        &CATALOGUE[self.0 as usize]
    }

    /// The module the permission belongs to.
    pub const fn module(self) -> Module {
        CATALOGUE[self.0 as usize].module
    }

    /// The permission's position in [`CATALOGUE`].
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// Every permission, in catalogue order.
    pub fn all() -> impl Iterator<Item = Permission> + Clone {
        (0..LEN as u8).map(Permission)
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Permission({})", self.code())
    }
}

impl std::str::FromStr for Permission {
    type Err = super::UnknownPermission;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Permission::from_code(s).ok_or_else(|| super::UnknownPermission(s.to_owned()))
    }
}

impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = Permission;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a permission code such as `orders.view_all`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Permission, E> {
                Permission::from_code(v)
                    .ok_or_else(|| E::custom(super::UnknownPermission(v.to_owned())))
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}

#[cfg(feature = "openapi")]
mod openapi {
    //! `Permission`'s OpenAPI schema: a string enum of every catalogue code.

    use std::borrow::Cow;

    use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;

    use super::{Permission, CATALOGUE};

    impl utoipa::PartialSchema for Permission {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .enum_values(Some(CATALOGUE.iter().map(|def| def.code)))
                .description(Some(
                    "A fine permission code `module.action` from the catalogue.",
                ))
                .examples([serde_json::json!("orders.view_all")])
                .into()
        }
    }

    impl utoipa::ToSchema for Permission {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed("Permission")
        }
    }

    #[cfg(test)]
    #[allow(clippy::unwrap_used, clippy::expect_used)]
    mod tests {
        use utoipa::PartialSchema;

        use super::super::super::{DecidingLevel, Overrides, PermissionSet};
        use super::*;

        fn json<T: PartialSchema>() -> serde_json::Value {
            serde_json::to_value(T::schema()).unwrap()
        }

        #[test]
        fn the_permission_schema_is_a_string_enum_of_every_catalogue_code() {
            let schema = json::<Permission>();
            assert_eq!(schema["type"], "string");
            let codes: Vec<&str> = schema["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let expected: Vec<&str> = CATALOGUE.iter().map(|def| def.code).collect();
            assert_eq!(codes, expected);
        }

        #[test]
        fn sets_are_arrays_of_permission_refs_and_overrides_are_boolean_maps() {
            let set = json::<PermissionSet>();
            assert_eq!(set["type"], "array");
            assert_eq!(set["items"]["$ref"], "#/components/schemas/Permission");
            let overrides = json::<Overrides>();
            assert_eq!(overrides["additionalProperties"]["type"], "boolean");
        }

        #[test]
        fn the_deciding_level_schema_is_tagged_by_level() {
            let schema = json::<DecidingLevel>().to_string();
            for tag in ["restaurant_role_override", "no_role_grants", "\"level\""] {
                assert!(schema.contains(tag), "{tag} missing from {schema}");
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Note 002's codes, copied from the note in its order.
    const NOTE_002_CODES: &[&str] = &[
        "orders.view_all",
        "orders.view_own",
        "orders.view_details",
        "orders.create",
        "orders.edit",
        "orders.add_products",
        "orders.remove_products",
        "orders.edit_quantities",
        "orders.confirm",
        "orders.start_preparing",
        "orders.complete",
        "orders.cancel",
        "orders.delete",
        "orders.add_notes",
        "orders.set_priority",
        "orders.change_table",
        "orders.generate_preconto",
        "tables.view",
        "tables.open",
        "tables.change",
        "tables.close",
        "tables.manage",
        "cashier.access",
        "cashier.view_orders",
        "cashier.close_tables",
        "cashier.print_receipt",
        "cashier.generate_preconto",
        "cashier.view_totals",
        "products.view",
        "products.create",
        "products.edit",
        "products.delete",
        "products.manage_variants",
        "products.manage_categories",
        "products.upload_images",
        "products.set_availability",
        "products.set_prices",
        "products.set_priority",
        "staff.view",
        "staff.create",
        "staff.edit",
        "staff.delete",
        "staff.deactivate",
        "staff.manage_roles",
        "staff.assign_roles",
        "staff.view_permissions",
        "public_menu.view_settings",
        "public_menu.edit_settings",
        "public_menu.manage_qr",
        "analytics.view",
        "analytics.view_revenue",
        "analytics.view_products",
        "analytics.view_conversion",
        "analytics.view_time_analysis",
        "analytics.view_aov",
        "analytics.export",
        "restaurant.view_settings",
        "restaurant.edit_settings",
        "restaurant.edit_opening_hours",
        "restaurant.manage_rooms",
        "restaurant.view_fiscal",
        "restaurant.edit_fiscal",
        "restaurant.view_subscription",
        "restaurant.manage_subscription",
        "customers.view",
        "customers.edit",
        "customers.delete",
        "customers.view_orders",
        "customers.manage_loyalty",
        "channels.view",
        "channels.manage",
    ];

    const ADDED_CODES: &[&str] = &[
        "reservations.view",
        "reservations.create",
        "reservations.edit",
        "reservations.confirm",
        "reservations.cancel",
        "reservations.delete",
        "inventory.view",
        "inventory.edit",
        "audit.view",
    ];

    #[test]
    fn the_catalogue_is_note_002_in_order_then_reservations_inventory_and_audit() {
        let mut expected: Vec<&str> = NOTE_002_CODES.iter().chain(ADDED_CODES).copied().collect();
        let after = expected
            .iter()
            .position(|c| *c == "staff.view_permissions")
            .unwrap()
            + 1;
        expected.insert(after, "staff.send_messages");
        let actual: Vec<&str> = CATALOGUE.iter().map(|def| def.code).collect();
        assert_eq!(NOTE_002_CODES.len(), 71);
        assert_eq!(actual, expected);
    }

    #[test]
    fn every_code_is_module_dot_action_with_its_module_as_prefix() {
        for def in CATALOGUE {
            let (module, action) = def.code.split_once('.').unwrap();
            assert_eq!(module, def.module.as_str(), "{}", def.code);
            assert!(!action.is_empty() && !action.contains('.'), "{}", def.code);
            assert!(
                action.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                def.code
            );
        }
    }

    #[test]
    fn codes_are_unique() {
        let unique: HashSet<&str> = CATALOGUE.iter().map(|def| def.code).collect();
        assert_eq!(unique.len(), CATALOGUE.len());
    }

    #[test]
    fn modules_appear_in_one_block_each_in_module_order() {
        let mut order: Vec<Module> = CATALOGUE.iter().map(|def| def.module).collect();
        order.dedup();
        assert_eq!(order, Module::ALL);
    }

    #[test]
    fn every_module_has_permissions_and_its_prefix_is_its_wire_name() {
        for module in Module::ALL {
            assert!(module.permissions().count() > 0, "{module}");
            let wire = serde_json::to_string(&module).unwrap();
            assert_eq!(wire, format!("\"{}\"", module.as_str()));
            assert_eq!(serde_json::from_str::<Module>(&wire).unwrap(), module);
        }
        assert_eq!(
            serde_json::to_string(&Module::PublicMenu).unwrap(),
            "\"public_menu\""
        );
    }

    #[test]
    fn each_constant_is_named_after_its_code() {
        assert_eq!(CONSTANT_NAMES.len(), CATALOGUE.len());
        for (name, def) in CONSTANT_NAMES.iter().zip(CATALOGUE) {
            assert_eq!(*name, def.code.to_uppercase().replace('.', "_"));
        }
        assert_eq!(code::ORDERS_VIEW_ALL.code(), "orders.view_all");
        assert_eq!(code::STAFF_VIEW.code(), "staff.view");
        assert_eq!(code::AUDIT_VIEW.code(), "audit.view");
    }

    #[test]
    fn from_code_round_trips_every_code() {
        for (i, p) in Permission::all().enumerate() {
            assert_eq!(p.index(), i);
            assert_eq!(Permission::from_code(p.code()), Some(p));
            assert_eq!(p.code().parse::<Permission>().unwrap(), p);
            assert_eq!(p.def(), &CATALOGUE[i]);
            assert_eq!(p.module(), CATALOGUE[i].module);
        }
        assert_eq!(Permission::all().count(), CATALOGUE.len());
    }

    #[test]
    fn unknown_codes_are_rejected() {
        for code in [
            "",
            "orders",
            "orders.",
            "orders.fly",
            "ORDERS.VIEW_ALL",
            " orders.view_all",
            "orders.view_all ",
            "menu.view",
        ] {
            assert_eq!(Permission::from_code(code), None, "{code:?}");
            assert!(code.parse::<Permission>().is_err());
        }
    }

    #[test]
    fn a_permission_displays_as_its_code() {
        assert_eq!(code::ORDERS_VIEW_ALL.to_string(), "orders.view_all");
        assert_eq!(format!("{:?}", code::AUDIT_VIEW), "Permission(audit.view)");
    }

    #[test]
    fn a_permission_serialises_as_its_code_string_and_back() {
        for p in Permission::all() {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.code()));
            assert_eq!(serde_json::from_str::<Permission>(&json).unwrap(), p);
            let value = serde_json::Value::String(p.code().to_owned());
            assert_eq!(serde_json::from_value::<Permission>(value).unwrap(), p);
        }
    }

    #[test]
    fn deserialising_an_unknown_code_fails_and_names_it() {
        let err = serde_json::from_str::<Permission>("\"orders.fly\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown permission code `orders.fly`"),
            "{err}"
        );
        assert!(serde_json::from_str::<Permission>("3").is_err());
    }

    #[test]
    fn permissions_order_as_the_catalogue_does() {
        assert!(code::ORDERS_VIEW_ALL < code::ORDERS_VIEW_OWN);
        assert!(code::CHANNELS_MANAGE < code::RESERVATIONS_VIEW);
        assert_eq!(Permission::all().last(), Some(code::AUDIT_VIEW));
    }

    #[test]
    fn every_label_and_description_is_a_single_non_empty_line() {
        let one_line = |s: &str| !s.trim().is_empty() && !s.contains('\n') && s.trim() == s;
        for def in CATALOGUE {
            for label in [def.labels.fr, def.labels.en, def.labels.it] {
                assert!(one_line(label), "{}: {label:?}", def.code);
            }
            assert!(one_line(def.description), "{}", def.code);
            assert!(def.description.ends_with('.'), "{}", def.code);
            assert!(def.description.is_ascii(), "{} is not English", def.code);
        }
        for module in Module::ALL {
            let labels = module.labels();
            assert!(one_line(labels.fr) && one_line(labels.en) && one_line(labels.it));
        }
    }

    #[test]
    fn labels_are_unique_in_each_language() {
        for lang in [|l: &Labels| l.fr, |l: &Labels| l.en, |l: &Labels| l.it] {
            let unique: HashSet<&str> = CATALOGUE.iter().map(|def| lang(&def.labels)).collect();
            assert_eq!(unique.len(), CATALOGUE.len());
        }
    }
}
