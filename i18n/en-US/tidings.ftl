## Tidings — English (United States). Every key the code uses is defined here first;
## other languages may lag behind and fall back to these.

app-name = Tidings

## Window: welcome

welcome-title = Welcome to Tidings
welcome-body = Read and send your email, online or offline. Add your email account to get started.
welcome-add-account = Add an account

## Command line

cli-about = Tidings, a desktop email client. Without a command it opens the window.
cli-arg-profile = Keep settings, mail and logs under this directory (same as TIDINGS_HOME)
cli-arg-target = A mailto: link to write to, or a message file to read
cli-arg-json = Print the result as one JSON document
cli-arg-account = The account's name
cli-arg-account-name = The account's name
cli-arg-keep-mail = POP3 accounts: keep the downloaded mail on this computer
cli-arg-delete-mail = POP3 accounts: delete the downloaded mail, which may be the only copy
cli-arg-email = The email address
cli-arg-display-name = The name shown to people you write to
cli-arg-protocol = How to fetch mail: imap keeps it on the server, pop3 downloads it and deletes it there
cli-arg-auto = Find the servers automatically
cli-arg-incoming = The incoming (IMAP or POP3) server
cli-arg-incoming-security = Security of the incoming connection
cli-arg-smtp = The outgoing (SMTP) server
cli-arg-smtp-security = Security of the outgoing connection
cli-arg-username = The login name, if it is not the email address
cli-arg-ca-file = Also trust the certificate authorities in this PEM file
cli-arg-accept-cert = Accept the server certificate with this SHA-256 fingerprint
cli-arg-dns-server = Ask this DNS server instead of the system's
cli-arg-password-stdin = Read the password from standard input
cli-arg-folder = The folder
cli-arg-limit = Show at most this many messages
cli-arg-id = The message's id, as list and search print it
cli-arg-raw-show = Print the message exactly as it was received
cli-arg-query = What to search for, e.g. from:anna has:attachment "quarterly report"
cli-arg-to = A recipient
cli-arg-cc = A recipient of a copy
cli-arg-bcc = A hidden recipient
cli-arg-subject = The subject
cli-arg-body-file = Read the text of the message from this file
cli-arg-attach = Attach this file
cli-arg-raw-send = Send a whole message read from standard input
cli-arg-outbox-id = The outbox entry, or all
cli-arg-seen = Mark as read
cli-arg-unseen = Mark as unread
cli-arg-flagged = Flag
cli-arg-unflagged = Remove the flag
cli-cmd-account = Add, find, check, list and remove accounts
cli-cmd-account-add = Add an account
cli-cmd-account-discover = Find the servers for an email address
cli-cmd-account-list = List the accounts
cli-cmd-account-verify = Log in to an account's servers to check its settings
cli-cmd-account-remove = Remove an account
cli-cmd-sync = Send what waits in the outbox, then fetch new mail
cli-cmd-folders = List an account's folders
cli-cmd-list = List the messages in a folder
cli-cmd-show = Show a message
cli-cmd-search = Search all mail
cli-cmd-send = Send a message
cli-cmd-outbox = Show what waits to be sent
cli-cmd-outbox-retry = Try again to send an outbox entry
cli-cmd-flag = Mark a message read, unread, flagged or unflagged
cli-cmd-move = Move a message to another folder
cli-cmd-delete = Delete a message
cli-not-available = "{ $command }" is not available yet in this version of Tidings.

## Errors

error-window = The window could not be opened: { $reason }
error-profile-no-home = No home directory was found to keep your profile in. Set TIDINGS_HOME or use --profile.
error-profile-create = The profile folder { $path } could not be created: { $reason }
