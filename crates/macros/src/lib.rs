//! `#[endpoint]`: one declaration of who may call an operation. A handler names its
//! access guard once, as the type of one of its arguments, and this attribute writes
//! what that guard enforces into the operation's OpenAPI document, so what is
//! documented and what is enforced cannot differ:
//!
//! | guard argument        | enforced by the guard                  | documented as |
//! |-----------------------|----------------------------------------|---------------|
//! | `Public`              | nothing: anyone may call               | `x-access: public` |
//! | `SignedIn`            | a valid access token                   | `x-access: signed-in` |
//! | `OwnerOnly`           | a valid token of the restaurant's owner | `x-access: owner` |
//! | `Authorized<P>`       | a valid token and the permission `P`   | `x-access: permission`, `x-required-permission: <code>` |
//! | `Authorized<P, Owner>`| the permission `P`, and being the owner | the same, and `x-owner-only: true` |
//!
//! It goes above `#[utoipa::path(…)]`, which must not declare `extensions` itself. A
//! handler with no guard, or with two, does not compile.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{quote, ToTokens};
use syn::spanned::Spanned;
use syn::{parse_macro_input, FnArg, GenericArgument, ItemFn, PathArguments, Type};

/// What a guard argument asks of the caller.
enum Guard {
    Public,
    SignedIn,
    OwnerOnly,
    Authorized {
        permission: Box<Type>,
        owner_too: bool,
    },
}

fn guard_of(ty: &Type) -> syn::Result<Option<Guard>> {
    let Type::Path(path) = ty else {
        return Ok(None);
    };
    let Some(last) = path.path.segments.last() else {
        return Ok(None);
    };
    let guard = match last.ident.to_string().as_str() {
        "Public" => Guard::Public,
        "SignedIn" => Guard::SignedIn,
        "OwnerOnly" => Guard::OwnerOnly,
        "Authorized" => {
            let PathArguments::AngleBracketed(arguments) = &last.arguments else {
                return Err(syn::Error::new(
                    last.span(),
                    "Authorized needs the permission it checks: Authorized<needs::CODE>",
                ));
            };
            let types: Vec<&Type> = arguments
                .args
                .iter()
                .filter_map(|argument| match argument {
                    GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
                .collect();
            let owner_too = match types.get(1) {
                None => false,
                Some(Type::Path(who)) if who.path.is_ident("Owner") => true,
                Some(other) => {
                    return Err(syn::Error::new(
                        other.span(),
                        "the second argument of Authorized can only be `Owner`",
                    ))
                }
            };
            let Some(permission) = types.first() else {
                return Err(syn::Error::new(
                    last.span(),
                    "Authorized needs the permission it checks: Authorized<needs::CODE>",
                ));
            };
            Guard::Authorized {
                permission: Box::new((*permission).clone()),
                owner_too,
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(guard))
}

fn extensions(guard: &Guard) -> Tokens {
    match guard {
        Guard::Public => quote! { ("x-access" = json!("public")) },
        Guard::SignedIn => quote! { ("x-access" = json!("signed-in")) },
        Guard::OwnerOnly => quote! { ("x-access" = json!("owner")) },
        Guard::Authorized {
            permission,
            owner_too,
        } => {
            let owner = owner_too.then(|| quote! { , ("x-owner-only" = json!(true)) });
            quote! {
                ("x-access" = json!("permission")),
                ("x-required-permission" = json!(
                    <#permission as ::brigade_domain::permissions::RequiredPermission>::PERMISSION
                ))
                #owner
            }
        }
    }
}

fn expand(mut function: ItemFn) -> syn::Result<Tokens> {
    let mut guards = Vec::new();
    for input in &function.sig.inputs {
        if let FnArg::Typed(typed) = input {
            if let Some(guard) = guard_of(&typed.ty)? {
                guards.push(guard);
            }
        }
    }
    let guard = match guards.len() {
        1 => guards.remove(0),
        0 => {
            return Err(syn::Error::new(
                function.sig.span(),
                "an endpoint takes exactly one access guard: Public, SignedIn, OwnerOnly or Authorized<P>",
            ))
        }
        _ => {
            return Err(syn::Error::new(
                function.sig.span(),
                "an endpoint takes exactly one access guard, not several",
            ))
        }
    };
    let path_attribute = function
        .attrs
        .iter_mut()
        .find(|attribute| {
            let segments: Vec<String> = attribute
                .path()
                .segments
                .iter()
                .map(|segment| segment.ident.to_string())
                .collect();
            segments == ["utoipa", "path"]
        })
        .ok_or_else(|| {
            syn::Error::new(
                function.sig.span(),
                "#[endpoint] goes above the handler's #[utoipa::path(…)]",
            )
        })?;
    let syn::Meta::List(list) = &mut path_attribute.meta else {
        return Err(syn::Error::new(
            path_attribute.span(),
            "#[utoipa::path] needs its arguments",
        ));
    };
    if list.tokens.to_string().contains("extensions") {
        return Err(syn::Error::new(
            list.span(),
            "#[endpoint] writes the operation's extensions: remove `extensions(…)`",
        ));
    }
    let documented = extensions(&guard);
    let existing = list.tokens.clone();
    let trailing_comma = existing.to_string().trim_end().ends_with(',');
    list.tokens = if existing.is_empty() || trailing_comma {
        quote! { #existing extensions(#documented) }
    } else {
        quote! { #existing, extensions(#documented) }
    };
    Ok(function.into_token_stream())
}

/// Documents the access an endpoint's guard enforces; see the crate's documentation.
#[proc_macro_attribute]
pub fn endpoint(attribute: TokenStream, item: TokenStream) -> TokenStream {
    if !attribute.is_empty() {
        return syn::Error::new(
            Tokens::from(attribute).span(),
            "#[endpoint] takes no arguments: the guard argument says it all",
        )
        .to_compile_error()
        .into();
    }
    let function = parse_macro_input!(item as ItemFn);
    expand(function)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
