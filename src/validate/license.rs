//! The licence of an entry: an SPDX id, or a `LicenseRef-…` with its name and URL.

use super::Ctx;
use super::check::Problem;
use super::draft::Draft;
use crate::diagnostics::{Span, did_you_mean};
use crate::vocab::{self, License, LicenseCategory};

pub(super) fn resolve_license(ctx: &mut Ctx, d: &mut Draft) {
    let Some((id, span)) = d.license.take() else {
        if d.license_name.is_some() || d.license_url.is_some() {
            ctx.report(Problem::new(
                d.license_url
                    .as_ref()
                    .map_or(Span::file_start(), |(_, s)| *s),
                "'license_name' and 'license_url' need a 'license: LicenseRef-…'",
                "add `license: LicenseRef-<short-name>` for a custom licence",
            ));
        }
        return;
    };
    if let Some(rest) = id.strip_prefix("LicenseRef-") {
        d.dataset.license = license_ref(ctx, &id, rest, span, d);
        return;
    }
    match vocab::spdx_license(&id) {
        Some(lic) => {
            if vocab::spdx_deprecated(&id) {
                ctx.warn(Problem::new(
                    span,
                    format!("licence '{id}' is deprecated in the SPDX list"),
                    "use its current SPDX id, e.g. GPL-2.0-only instead of GPL-2.0",
                ));
            }
            if d.license_name.is_some() || d.license_url.is_some() {
                ctx.warn(Problem::new(
                    span,
                    format!(
                        "'license_name' and 'license_url' are ignored with the SPDX licence '{id}'"
                    ),
                    "remove them; they are only used with LicenseRef-… licences",
                ));
            }
            d.dataset.license = Some(lic);
        }
        None => ctx.report(unknown_license(&id, span)),
    }
}

pub(super) fn unknown_license(id: &str, span: Span) -> Problem {
    // How people write licences ("CC BY 4.0", "cc0") first, then the closest SPDX id.
    let meant = vocab::words::spdx_id(id).or_else(|| did_you_mean(id, vocab::spdx_ids()));
    let message = match meant {
        Some(s) => format!("unknown licence '{id}' — did you mean '{s}'?"),
        None => format!("unknown licence '{id}'"),
    };
    Problem::new(
        span,
        message,
        "use an SPDX licence id (https://spdx.org/licenses/), or LicenseRef-<name> with license_name and license_url for a custom licence",
    )
}

pub(super) fn license_ref(
    ctx: &mut Ctx,
    id: &str,
    rest: &str,
    span: Span,
    d: &Draft,
) -> Option<License> {
    let valid = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !valid {
        ctx.report(Problem::new(span, format!("'{id}' is not a valid LicenseRef id"), "use letters, digits, dots and dashes after LicenseRef-, e.g. LicenseRef-TCIA-Restricted"));
        return None;
    }
    let mut ok = true;
    if d.license_name.is_none() {
        ctx.report(Problem::new(
            span,
            format!("'{id}' needs a 'license_name'"),
            "add `license_name: <the licence's name>`",
        ));
        ok = false;
    }
    if d.license_url.is_none() {
        ctx.report(Problem::new(
            span,
            format!("'{id}' needs a 'license_url'"),
            "add `license_url: <where the licence text is>`",
        ));
        ok = false;
    }
    ok.then(|| License {
        id: id.to_string(),
        name: d.license_name.clone().unwrap_or_default(),
        url: d.license_url.as_ref().map(|(u, _)| u.clone()),
        category: LicenseCategory::Restricted,
    })
}
