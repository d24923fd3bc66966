//! Desktop notifications of new mail (notify-rust: the freedesktop notification service,
//! macOS Notification Center, Windows toasts).

use iced::Task;

use crate::tr;

/// The notification's text for `count` new messages in a folder of an account.
pub fn text(account: &str, folder: &str, count: u64) -> (String, String) {
    (
        tr!("notify-new-mail-title", count = count),
        tr!("notify-new-mail-body", account = account, folder = folder),
    )
}

/// Shows the notification in the background. A desktop without a notification service
/// only costs a line in the log.
pub fn new_mail(account: &str, folder: &str, count: u64) -> Task<()> {
    let (summary, body) = text(account, folder, count);
    Task::future(async move {
        let mut notification = notify_rust::Notification::new();
        notification
            .appname(&tr!("app-name"))
            .summary(&summary)
            .body(&body)
            .icon("org.tidings.Tidings");
        #[cfg(all(unix, not(target_os = "macos")))]
        let shown = notification.show_async().await.map(|_| ());
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let shown = tokio::task::spawn_blocking(move || notification.show().map(|_| ()))
            .await
            .unwrap_or(Ok(()));
        if let Err(e) = shown {
            tracing::info!(error = %e, "new-mail notification not shown");
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_text_names_the_count_account_and_folder() {
        let (title, body) = super::text("Work", "INBOX", 3);
        assert!(title.contains('3'), "{title}");
        assert!(body.contains("Work") && body.contains("INBOX"), "{body}");
    }
}
