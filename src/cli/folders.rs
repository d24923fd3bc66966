//! `tidings folders --account NAME [--json]`: the account's folders as last synced, with
//! their roles and counts. Works offline: it reads the store.

use super::output;
use serde::Serialize;

use crate::cli::CliError;
use crate::cli::args::FoldersArgs;
use crate::engine::Profile;
use crate::engine::account::Accounts;
use crate::engine::error::Error;
use crate::engine::store::{Store, StoreError};
use crate::tr;

/// One folder as `--json` prints it (DESIGN.md §6).
#[derive(Debug, Serialize)]
struct FolderJson {
    name: String,
    role: Option<&'static str>,
    total: u64,
    unread: u64,
    subscribed: bool,
    delimiter: Option<String>,
}

pub fn run(profile: &Profile, args: FoldersArgs) -> Result<(), CliError> {
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    let account = accounts.get(&args.account).map_err(Error::from)?;
    let store = Store::open(profile).map_err(Error::from)?;
    let list = match store.account_id(&account.name) {
        Ok(id) => store.folders(id).map_err(Error::from)?,
        // Never synced yet: no folders known.
        Err(StoreError::NoAccount(_)) => Vec::new(),
        Err(e) => return Err(Error::from(e).into()),
    };
    let folders: Vec<FolderJson> = list
        .into_iter()
        .map(|(f, counts)| FolderJson {
            name: f.name,
            role: f.role.map(|r| r.as_str()),
            total: counts.total,
            unread: counts.unread,
            subscribed: f.subscribed,
            delimiter: f.delimiter,
        })
        .collect();
    if args.json {
        let json =
            serde_json::to_string_pretty(&folders).map_err(|e| CliError::Usage(e.to_string()))?;
        output::line(json)?;
        return Ok(());
    }
    for f in &folders {
        let line = match f.role {
            Some(role) => tr!(
                "cli-folder-line-role",
                name = f.name.as_str(),
                role = role,
                total = f.total,
                unread = f.unread
            ),
            None => tr!(
                "cli-folder-line",
                name = f.name.as_str(),
                total = f.total,
                unread = f.unread
            ),
        };
        output::line(line)?;
    }
    Ok(())
}
