//! An Azure consumed revenue row (Partner Center's `AzureUsage` or
//! `CustomersAndTenants` download): the tenant, the month, the attribution
//! and the amount are needed for the row to count; the rest (segment,
//! services, offer) is kept as written for the rules to judge.

use super::monthly::{label, month};
use super::{RowReader, SheetRows};
use crate::input::amount;
use crate::input::rows::AcrRow;
use crate::input::schema::Field;
use crate::model::{Association, PartnerId};
use crate::problem::Location;

/// The attributions a revenue row may name.
const ATTRIBUTIONS: &str = "CSP, CSP Tier 1, CSP Tier 2, DPOR, PAL or None";

/// The row's cells as an [`AcrRow`].
pub(super) fn read(
    cx: &mut RowReader<'_>,
    sheet: &SheetRows<'_>,
    partner: PartnerId,
    source: Location,
) -> AcrRow {
    let customer = cx
        .required(Field::CustomerId)
        .and_then(|t| cx.cache.customer(&t));
    let month = month(cx, Field::Month, sheet.month_first_dates);
    // The attribution column, else the association type written beside it.
    let attribution = if cx.has(Field::Association) {
        Field::Association
    } else {
        Field::AssociationType
    };
    let association = cx.vocabulary(
        attribution,
        Association::parse,
        |c| &mut c.associations,
        ATTRIBUTIONS,
    );
    let parsed = amount::amount(cx.value(Field::Acr), sheet.decimal_mark);
    let amount = cx.parsed(Field::Acr, parsed, "an amount in US dollars");
    let services = [
        Field::ServiceLevel1,
        Field::ServiceLevel2,
        Field::ServiceLevel3,
        Field::ServiceLevel4,
    ]
    .map(|field| label(cx, field));
    let partner_name = match cx.text_ref(Field::PartnerName) {
        Some(name) => Some(cx.cache.partner_name.get(&name)),
        None => sheet.partner_name.map(Into::into),
    };
    let customer_name = cx
        .text_ref(Field::CustomerName)
        .map(|t| cx.cache.customer_name.get(&t));
    let subscription = cx
        .text_ref(Field::Subscription)
        .map(|t| cx.cache.subscription.get(&t));
    AcrRow {
        partner,
        partner_name,
        customer,
        customer_name,
        segment: label(cx, Field::Segment),
        month,
        services,
        association,
        association_type: label(cx, Field::AssociationType),
        subscription,
        offer: label(cx, Field::Offer),
        product: label(cx, Field::Product),
        amount,
        invalid: cx.invalid.take(),
        source,
    }
}
