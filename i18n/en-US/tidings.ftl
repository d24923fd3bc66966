## Tidings — English (United States). Every key the code uses is defined here first;
## every language under i18n/ translates it, in the same order and sections (tests fail otherwise).

app-name = Tidings
app-title-file = { $file } — Tidings
# The language's own name for itself, as a language picker lists it.
language-name = English (US)

## Window: welcome

welcome-title = Welcome to Tidings
welcome-body = Read and send your email, online or offline. Add your email account to get started.
welcome-add-account = Add an account

## Command line

cli-about = Tidings, a desktop email client. Without a command it opens the window.
cli-help-usage = Usage:
cli-help-commands = Commands:
cli-help-arguments = Arguments:
cli-help-options = Options:
# The placeholders in a usage line ("tidings [OPTIONS] <COMMAND>").
cli-usage-options = OPTIONS
cli-usage-command = COMMAND
cli-arg-help = Print this help
cli-arg-version = Print the version
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
cli-error-no-file = There is no message file at “{ $path }”. Give a mailto: link or the path of a message file (.eml).
cli-error-mailto = The mailto: link “{ $link }” is not valid: its percent-encoded text is not UTF-8.

## Errors

error-window = The window could not be opened: { $reason }
error-profile-no-home = No home directory was found to keep your profile in. Set TIDINGS_HOME or use --profile.
error-profile-create = The profile folder { $path } could not be created: { $reason }
error-net-resolve = The server name { $host } could not be found. Check the spelling and your network connection.
error-net-refused = { $host } refused the connection on port { $port }. Check the port, or the server may be down.
error-net-unreachable = { $host } could not be reached on port { $port }: { $reason }
error-net-timeout = { $host } did not answer on port { $port } in time. You may be offline, or a firewall blocks the port.
error-net-broken = The connection to { $host } broke: { $reason }
error-tls-handshake = A secure connection to { $host } could not be set up: { $reason }
error-tls-bad-name = “{ $host }” is not a valid server name for a secure connection.
error-tls-ca-file = The certificate authority file { $path } could not be used: { $reason }
error-tls-ca-file-empty = it holds no certificate
error-tls-bad-pin = “{ $pin }” is not a SHA-256 certificate fingerprint.
error-tls-platform = The system's certificate store could not be used: { $reason }
error-tls-certificate = The certificate of { $host } is not trusted: { $reason } Its SHA-256 fingerprint is { $fingerprint }.
cert-reason-unknown-issuer = it is not signed by an authority this computer trusts (it may be self-signed).
cert-reason-expired = it expired on { $date }.
cert-reason-not-yet-valid = it is only valid from { $date }.
cert-reason-wrong-host = it belongs to another server ({ $names }).
cert-reason-revoked = it was revoked by its issuer.
cert-reason-invalid = it is not valid ({ $detail }).
error-account-read = The account settings { $path } could not be read: { $reason }
error-account-write = The account settings { $path } could not be saved: { $reason }
error-account-not-found = There is no account named “{ $name }”.
error-account-exists = An account named “{ $name }” exists already.
error-account-invalid = The account setting “{ $field }” is not valid: { $reason }
account-invalid-empty = it must not be empty
account-invalid-email = “{ $email }” is not an email address
account-invalid-host = “{ $host }” is not a server name
account-invalid-port = the port must be between 1 and 65535

## Formats: dates are strftime patterns, so each language can order them its own way.

# A pattern gets the day of the month as $day, for a language that writes one day apart (French "1er").
date-format-time = %-I:%M %p
date-format-day-month = %b %-d
date-format-date = %-m/%-d/%Y
date-format-full = %A, %B %-d, %Y at %-I:%M %p
date-format-attribution = %a, %b %-d, %Y at %-I:%M %p
date-format-long = %B %-d, %Y at %-I:%M %p
number-decimal-separator = .
size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
size-kb = { $size } KB
size-mb = { $size } MB
size-gb = { $size } GB

## IMAP

error-imap-starttls-missing = { $host } does not offer STARTTLS, so no secure connection could be set up. Tidings stopped before sending your password. Choose TLS (port 993) or ask your provider.
error-imap-starttls-refused = { $host } refused to start a secure connection (STARTTLS): { $text } Tidings stopped before sending your password.
error-imap-auth = { $host } did not accept your user name or password: { $text }
error-imap-no-auth-method = { $host } offers no way of logging in that Tidings can use safely (it offers: { $offered }).
error-imap-greeting = { $host } did not answer like an IMAP mail server: { $text }
error-imap-refused = { $host } refused the command { $command }: { $text }
error-imap-rejected = { $host } rejected the command { $command } as invalid: { $text }
error-imap-protocol = { $host } sent an answer Tidings could not understand: { $detail }
error-imap-closed = { $host } closed the connection.
error-imap-closed-text = { $host } closed the connection: { $text }
error-imap-timeout = { $host } stopped answering. You may be offline, or the server is busy.
error-imap-unsafe-input = The { $what } “{ $value }” contains a character that is not allowed ({ $character }).
error-imap-bad-folder-name = { $host } sent a folder name that is not valid: “{ $name }”.
error-imap-unsupported = { $host } does not support { $capability }, which this needs.
error-imap-not-imap = The account “{ $account }” does not use IMAP.
imap-change-failed = A change could not be made on the server: { $reason }
imap-change-failed-uidvalidity = The folder “{ $folder }” was rebuilt on the server, so a change made to it here can no longer be applied. The folder is downloaded again.
imap-change-folder-missing = The folder “{ $folder }” is not available on the server: { $text }
imap-change-conflict = { $total ->
    [one] The message in “{ $folder }” is no longer on the server (deleted or moved elsewhere).
   *[other] { $count ->
        [one] { $count } of { $total } messages in “{ $folder }” is no longer on the server (deleted or moved elsewhere); the change was made to the others.
       *[other] { $count } of { $total } messages in “{ $folder }” are no longer on the server (deleted or moved elsewhere); the change was made to the others.
    }
} Your copy here is kept.
imap-unfetched-body = The message “{ $subject }” in “{ $folder }” could not be downloaded: the server failed to send it ({ $reason }). It stays listed, and Tidings tries again at the next sync.
imap-unfetched-message = A message in “{ $folder }” (number { $uid } on the server) could not be downloaded: the server failed to send it ({ $reason }). Tidings tries again at the next sync.
error-action-folder-name = The folder name “{ $name }” cannot be used: { $reason }
error-action-no-folder = There is no folder “{ $name }” in this account.
error-action-no-messages = No message was chosen.
folder-name-empty = it is empty.
folder-name-control = it contains a control character ({ $character }).
folder-name-empty-level = one of its levels between “{ $delimiter }” is empty.
folder-name-inbox = INBOX is the name of the Inbox.
cli-sync-account-failed = Syncing { $account } failed: { $reason }
cli-sync-done = { $account }: synced.
cli-sync-imap-summary = { $account }: { $folders ->
    [one] { $folders } folder
   *[other] { $folders } folders
}, { $new } new, { $removed } removed, { $flags } changed on the server, { $bodies } downloaded; { $replayed ->
    [one] { $replayed } offline change sent
   *[other] { $replayed } offline changes sent
}{ $failed ->
    [0] {""}
   *[other] , { $failed } failed
}.
cli-folder-line = { $name }  ({ $total ->
    [one] { $total } message
   *[other] { $total } messages
}, { $unread } unread)
cli-folder-line-role = { $name } [{ $role }]  ({ $total ->
    [one] { $total } message
   *[other] { $total } messages
}, { $unread } unread)
cli-change-done = Message { $id } changed.
cli-change-moved = Message { $id } moved to { $folder }.
cli-change-deleted = Message { $id } deleted.
cli-change-queued = The change is saved here and will reach the server at the next sync: { $reason }
cli-change-replay-failed = { $count ->
    [one] One change
   *[other] { $count } changes
} could not be made on the server; run tidings sync to see why.

## Compose (engine/compose)

compose-field-from = From
compose-field-to = To
compose-field-cc = Cc
compose-field-bcc = Bcc
compose-field-subject = Subject
compose-field-date = Date
compose-attribution = On { $date }, { $name } wrote:
compose-attribution-undated = { $name } wrote:
compose-forwarded-separator = -------- Forwarded Message --------
compose-forwarded-field = { $label }: { $value }
error-compose-line-break = The { $field } field contains a line break, which cannot be sent.
error-compose-address = “{ $value }” in the { $field } field is not an email address.
error-compose-no-recipients = The message has no recipient. Add at least one address in To, Cc or Bcc.
error-compose-attachment = The attachment { $name } could not be read: { $reason }
error-compose-unreadable = The message could not be read: { $reason }
error-compose-build = The message could not be put together: { $reason }

## Sending (engine/smtp)

smtp-stage-connect = while connecting
smtp-stage-auth = while logging in
smtp-stage-mail = at the sender address
smtp-stage-recipient = at the recipients
smtp-stage-data = before the message
smtp-stage-content = after the message was sent
error-smtp-bad-credentials = The user name or password contains a line break, which cannot be sent to a server.
error-smtp-greeting = { $host } did not accept the connection: { $reply }
error-smtp-starttls-missing = { $host } does not offer an encrypted connection (STARTTLS), so Tidings did not log in or send anything. Choose SSL/TLS in the account settings, or ask your provider.
error-smtp-starttls-refused = { $host } refused to encrypt the connection (STARTTLS): { $reply }
error-smtp-auth-unavailable = { $host } offers no login method Tidings can use. The server said: { $offered }
error-smtp-auth-rejected = { $host } refused the user name or password: { $reply }
error-smtp-eight-bit = { $host } does not accept messages with 8-bit characters.
error-smtp-utf8-address = { $host } does not accept addresses with non-ASCII characters.
error-smtp-bad-address = “{ $address }” is not an address mail can be sent to.
error-smtp-recipients-refused = { $host } refused to send to { $recipients }: { $reply }
error-smtp-refused = { $host } refused the message { $stage }: { $reply }
error-smtp-protocol = { $host } sent an answer Tidings does not understand: { $reason }
error-smtp-timeout = { $host } did not answer in time { $stage }.
error-smtp-broken = The connection to { $host } broke { $stage }: { $reason }

## POP3

error-pop3-unsafe-credential = The { $field } contains a line break or a NUL character, which cannot be sent safely to a POP3 server. Nothing was sent.
error-pop3-stls-not-offered = { $host } does not offer STLS, so the connection cannot be encrypted. Tidings did not log in. Choose TLS on port 995, or ask your provider.
error-pop3-stls-refused = { $host } refused to encrypt the connection (STLS): { $reply }. Tidings did not log in.
error-pop3-auth-failed = { $host } did not accept the login name or password: { $reply }
error-pop3-login-refused = { $host } refused the login for now: { $reply }
error-pop3-no-login-method = { $host } offers no login method Tidings can use. If the connection is not encrypted, the server may allow logging in only over TLS.
error-pop3-timeout = { $host } stopped answering for { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}. Nothing was lost; Tidings will try again.
error-pop3-closed = The connection to { $host } closed unexpectedly. Nothing was lost; Tidings will try again.
error-pop3-protocol = { $host } sent an answer that does not follow POP3: { $detail }
error-pop3-refused = { $host } refused { $command }: { $reply }
error-pop3-no-uidl-leave = { $host } cannot tell messages apart between sessions (it has no UIDL), so Tidings cannot leave mail on the server without downloading it again and again. Turn off "leave on server" for this account.
error-pop3-store = The mail could not be saved on this computer: { $reason }. Nothing was deleted on the server.
sync-pop3-done = { $account }: { $downloaded ->
    [one] 1 new message
   *[other] { $downloaded } new messages
}, { $deleted } deleted on the server, { $left } left there.
sync-pop3-no-uidl = { $account }: the server cannot identify messages (no UIDL). Downloading and deleting works, but mail cannot be left on the server.

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = No keyring is available to keep passwords in ({ $reason }). Start your desktop's keyring (the Secret Service on Linux), or give the password for this run only with --password-stdin.
error-keyring-locked = The keyring refused access to the password ({ $reason }). Unlock it and try again.
error-keyring-missing = The keyring holds no password for the account “{ $account }”. Give it with --password-stdin.
error-keyring-failed = The keyring failed: { $reason }
keyring-no-store = no keyring was set up
keyring-bad-data = the stored password is not readable
keyring-ambiguous = the keyring holds { $count ->
    [one] { $count } password
   *[other] { $count } passwords
} for this account
error-discover-address = “{ $address }” is not an email address.
error-discover-resolver = The DNS resolver could not be set up: { $reason }
error-discover-nothing = No mail servers were found for { $address } ({ $tried ->
    [one] { $tried } place tried
   *[other] { $tried } places tried
}). Enter the servers by hand.
error-discover-missing = No { $kind } server was found for { $address }. Enter it by hand.
discover-warning-http = The { $kind } settings came over an unencrypted connection ({ $url }); anyone on the way could have changed them. Check them before you use them.
discover-warning-plaintext = The { $kind } server { $host } (port { $port }) offers no encryption: your password and mail would cross the network readable by anyone.
discover-warning-other-domain = The { $kind } server { $host } is on another domain than your address. Use it only if you trust it with your password.
cli-arg-ispdb-url = Look providers up in this ISPDB instead of Thunderbird's (the domain is appended)
cli-arg-password-stdin-run = Read the password from standard input and use it for this run only
cli-runtime = The engine could not start: { $reason }
cli-bad-dns-server = “{ $value }” is not a DNS server address; give IP:PORT, e.g. 127.0.0.1:53.
cli-bad-host-port = { $what } wants HOST:PORT, not “{ $value }”.
cli-add-needs = Give { $flag }, or use --auto to find the servers.
cli-json-failed = The result could not be written as JSON: { $reason }
cli-warning = Warning: { $text }
cli-password-stdin-failed = The password could not be read from standard input: { $reason }
cli-password-empty = The password read from standard input is empty.
discover-trying = Trying { $target }…
discover-provider = Provider: { $name }
discover-server = { $kind }: { $host }:{ $port } ({ $security }), user { $username } — from { $source }: { $origin }
discover-alternative = Also possible: { $server }
account-added = Added the account “{ $name }”: incoming { $incoming }, outgoing { $outgoing }.
account-added-no-password = No password was stored for “{ $name }”; give it with --password-stdin when needed.
account-list-empty = There are no accounts yet. Add one with “tidings account add”.
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }, SMTP { $outgoing }
error-account-mail-would-be-lost = “{ $name }” is a POP3 account and this computer holds { $messages ->
    [one] one downloaded message of it, which may be the only copy. Say what to do with it
   *[other] { $messages } downloaded messages of it, which may be the only copy. Say what to do with them
}: --keep-mail or --delete-mail.
account-removed = Removed the account “{ $name }”.
account-removed-mail-kept = Removed the account “{ $name }”; { $messages ->
    [one] its downloaded message was kept.
   *[other] its { $messages } downloaded messages were kept.
}
account-removed-mail-deleted = Removed the account “{ $name }” and { $messages ->
    [one] its message
   *[other] its { $messages } messages
} on this computer.
verify-incoming = Incoming
verify-outgoing = Outgoing
verify-ok = { $what } { $server }: logged in.
verify-failed = { $what } { $server }: { $reason }

## Drafts (engine/drafts)

error-draft-io = The draft { $path } could not be saved or read: { $reason }
error-draft-damaged = The draft { $path } is damaged: { $reason }
error-draft-not-found = There is no draft { $id }.
error-draft-bad-id = “{ $id }” is not a draft.

## Store

error-store-open = The mail store in { $path } could not be opened: { $reason }
error-store-too-new = The mail store was written by a newer version of Tidings. Update Tidings to open it; nothing was changed.
error-store-database = The mail store could not be read or written: { $reason }
error-store-file = The message file { $path } could not be read or written: { $reason }
error-store-no-account = There is no mail stored for an account named “{ $name }”.
error-store-no-folder = There is no folder “{ $name }”.
error-store-folder-exists = A folder named “{ $name }” exists already.
error-store-no-message = There is no message with the id { $id }.
error-store-no-body = Message { $id } has not been downloaded yet. Sync the account to fetch it.
error-store-lost = The stored copy of message { $id } is missing from the disk and cannot be downloaded again.
error-store-no-outbox = There is no outbox entry { $id }.
error-store-no-change = There is no queued change { $id }.
error-store-change = A change waiting to be sent to the server could not be read: { $reason }
error-store-query = The search “{ $query }” is not valid: { $reason }
search-problem-quote = a quotation mark is not closed.
search-problem-empty = “{ $key }:” needs a value, e.g. { $key }:something.
search-problem-key = “{ $key }:” is not a search keyword. Use from:, to:, subject:, has:, is:, before:, after:, in: or account:, or put the word in quotes.
search-problem-value = “{ $key }:{ $value }” is not known. Try has:attachment, is:unread, is:read, is:flagged or is:answered.
search-problem-date = “{ $value }” is not a date. Write it as YYYY-MM-DD, e.g. 2025-01-31.
search-problem-empty-query = there is nothing to search for.
message-unreadable = (unreadable message)
message-no-subject = (no subject)
reader-from = From
reader-to = To
reader-cc = Cc
reader-date = Date
reader-subject = Subject
reader-attachments = Attachments
reader-not-downloaded = The text of this message has not been downloaded yet. Sync the account to fetch it.
reader-remote-blocked = { $count ->
    [one] One remote image was not loaded, to protect your privacy.
   *[other] { $count } remote images were not loaded, to protect your privacy.
}
reader-image-remote = [image not loaded: { $alt }]
reader-image = [image: { $alt }]
cli-write-failed = The output could not be written: { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = Tidings stopped while this message was being sent. It may have been sent; check with a recipient before sending it again.
outbox-maybe-sent = The connection broke after the message was handed over, so it may have been sent: { $reason } It will not be sent again unless you ask.
outbox-sent-copy-failed = The message was sent, but its copy for the Sent folder could not be saved: { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = The message could not be read from standard input: { $reason }
cli-send-body-file = The text file { $path } could not be read: { $reason }
cli-send-busy = another Tidings is sending right now.
cli-send-sent = Sent (outbox entry { $id }).
cli-send-failed = The message was not sent and stays in the outbox as entry { $id }: { $reason }
cli-send-maybe-sent = Outbox entry { $id }: { $reason }
cli-send-queued = The message could not be sent now and waits in the outbox as entry { $id }; it will be tried again: { $reason }
cli-outbox-bad-id = “{ $id }” is not an outbox entry number or “all”.
cli-outbox-empty = The outbox is empty.
cli-outbox-left = { $count ->
    [one] One message is still in the outbox.
   *[other] { $count } messages are still in the outbox.
}
outbox-state-queued = waiting to be sent
outbox-state-sending = being sent
outbox-state-retry = will be tried again at { $at }: { $reason }
outbox-state-failed = not sent: { $reason }
outbox-state-maybe-sent = may have been sent: { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account }: { $count ->
    [one] one message sent.
   *[other] { $count } messages sent.
}
sync-smtp-problem = { $account }: outbox entry { $id } was not sent: { $reason }

## Window (src/ui)

app-opening = Opening your mail…
app-broken-title = Tidings could not open your mail
error-internal = Something went wrong inside Tidings. The details are in the log.

## Window: setup wizard

wizard-add-title = Add an account
wizard-name = Your name
wizard-name-hint = The name people see when you write to them
wizard-email = Email address
wizard-email-hint = you@example.com
wizard-password = Password
wizard-password-hint = Your email password
wizard-continue = Continue
wizard-manual = Set up manually
wizard-cancel = Cancel
wizard-back = Back
wizard-error-email = Enter your whole email address, like you@example.com.
wizard-error-password = Enter your password.
wizard-error-host = Enter the { $server } server's name.
wizard-error-port = The { $server } port must be a number from 1 to 65535.
wizard-error-security = Choose how the { $server } connection is secured.
wizard-searching = Looking for your settings…
wizard-searching-for = Tidings is asking where the mail of { $email } is kept.
wizard-nothing-found = No settings were found for this address. Enter the servers your provider gives you.
wizard-review-title = Your account's servers
wizard-found-source = Where these settings came from: { $source }.
wizard-other-domain = These servers are not on { $domain } but on { $host }. Use them only if you know your provider keeps your mail there.
wizard-protocol-question = How should Tidings get your mail?
wizard-imap = IMAP (recommended)
wizard-imap-explain = Your mail stays on the server and stays the same on all your devices.
wizard-pop3 = POP3
wizard-pop3-explain = Your mail is downloaded to this computer and deleted from the server — good on slow or unreliable connections, but this computer then holds the only copy: back it up.
wizard-incoming = incoming
wizard-outgoing = outgoing
wizard-incoming-imap = Incoming mail (IMAP)
wizard-incoming-pop3 = Incoming mail (POP3)
wizard-outgoing-smtp = Outgoing mail (SMTP)
wizard-server-line = { $host }, port { $port }, { $security }
wizard-server-user = Signs in as { $username }
wizard-host = Server
wizard-port = Port
wizard-security = Security
wizard-username = User name
wizard-edit-settings = Change settings
wizard-hide-settings = Hide settings
wizard-plain-warning = Without encryption, your password and your mail cross the network readable by anyone on the way.
wizard-sign-in = Sign in
wizard-verifying = Signing in…
wizard-saving = Saving your account…
wizard-please-wait = This takes a few seconds.
wizard-accept-certificate = Trust this certificate for this account
wizard-discover-source-bundled = Tidings' list of providers
wizard-discover-source-autoconfig = your provider's settings file
wizard-discover-source-ispdb = Thunderbird's provider database
wizard-discover-source-mx = the domain's mail exchanger
wizard-discover-source-srv = the domain's DNS service records
wizard-discover-source-guess = common server names
wizard-discover-trying = Asking { $source }: { $target }
wizard-discover-found-at = Found servers at { $target }
wizard-discover-bad-certificate = { $target }: the certificate of { $host } is not trusted
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = None (not encrypted)
certificate-title = The certificate of { $host }
certificate-subject = Issued to
certificate-issuer = Issued by
certificate-valid = Valid
certificate-valid-range = from { $from } until { $until }
certificate-fingerprint = SHA-256
certificate-advice = Trust it only if your provider told you to expect this exact fingerprint. If the certificate changes later, Tidings will ask again.

## Window: mailbox

toolbar-compose = Write
toolbar-sync = Get mail
toolbar-settings = Settings
toolbar-help = Shortcuts
search-hint = Search: words, "a phrase", from:anna, has:attachment, is:unread…
folder-unified = All inboxes
folder-inbox = Inbox
folder-sent = Sent
folder-drafts = Drafts
folder-trash = Trash
folder-junk = Junk
folder-archive = Archive
list-loading = Loading…
list-empty = No messages here.
list-no-results = No messages match this search.
list-no-sender = (no sender)
list-no-subject = (no subject)
reading-nothing = Select a message to read it.
reading-loading = Opening the message…
reading-not-downloaded = The text of this message has not been downloaded yet. It shows here as soon as the sync brings it, unless the message is older than the days kept for reading offline (see Settings).
reading-to = To
reading-cc = Cc
reading-reply-to = Reply to
reading-unreadable = This message could not be read as an email; here is exactly what was received.
reading-show-source = Show the source
reading-hide-source = Show the message
reading-remote-blocked = { $count ->
    [one] One image in this message is on the internet and was not loaded, so the sender cannot see that you read it.
   *[other] { $count } images in this message are on the internet and were not loaded, so the sender cannot see that you read it.
}
reading-remote-load = Load remote content
reading-remote-loading = Loading remote content…
reading-remote-failed = { $count ->
    [one] One remote image could not be loaded.
   *[other] { $count } remote images could not be loaded.
}
reading-image = (image)
reading-image-remote = (remote image, not loaded)
reading-image-remote-named = (remote image “{ $alt }”, not loaded)
reading-save = Save
reading-open = Open
reading-save-title = Save attachment
reading-saved = Saved as { $path }.
reading-error-file = { $path } could not be written: { $reason }
reading-error-open = { $target } could not be opened: { $reason }
reading-error-link = “{ $url }” is not a web or mail link; Tidings does not open it.
reading-error-scheme = images are only loaded over http and https, not { $scheme }
reading-error-too-big = the image is larger than 10 MB
action-reply = Reply
action-reply-all = Reply to all
action-forward = Forward
action-mark-read = Mark as read
action-mark-unread = Mark as unread
action-flag = Flag
action-unflag = Remove flag
action-archive = Archive
action-delete = Delete
action-move = Move to…

## Window: status bar

status-idle = Up to date
status-sync-starting = { $account }: connecting…
status-sync-headers = { $account }: { $folder }, { $done } of { $total ->
    [one] { $total } message
   *[other] { $total } messages
}
status-sync-bodies = { $account }: { $folder }, downloading { $done } of { $total ->
    [one] { $total } message
   *[other] { $total } messages
} for offline reading
status-sync-download = { $account }: downloading { $done } of { $total ->
    [one] { $total } message
   *[other] { $total } messages
}
status-sync-send = { $account }: sending { $done } of { $total }
status-sync-replay = { $account }: sending { $done } of { $total ->
    [one] { $total } change
   *[other] { $total } changes
} to the server
status-offline = Offline ({ $account }: { $reason })
status-offline-waiting = Offline ({ $account }: { $reason }) — { $count ->
    [one] one change waits
   *[other] { $count } changes wait
} and will go out when the connection is back
status-outbox = { $count ->
    [one] 1 message in the outbox
   *[other] { $count } messages in the outbox
}
notify-new-mail-title = { $count ->
    [one] New message
   *[other] { $count } new messages
}
notify-new-mail-body = In { $folder } of { $account }

## Window: composer

composer-title-new = New message
composer-title-reply = Reply
composer-title-forward = Forward
composer-from = From
composer-to = To
composer-cc = Cc
composer-bcc = Bcc
composer-show-copies = Add Cc or Bcc
composer-subject = Subject
composer-address-hint = Names or addresses, separated by commas
composer-body-hint = Write your message
composer-attach = Attach files
composer-attach-title = Attach files
composer-drop-hint = or drop files here
composer-send = Send
composer-close = Close
composer-discard = Discard
composer-sending = Putting the message in the outbox…
composer-saving = Saving draft…
composer-saved = Draft saved
composer-preparing = Preparing the message…
composer-error-from = Choose the account to send from.
composer-error-recipients = Add at least one recipient.
composer-mailto-files = The link asked to attach { $names }. A link may not take files from this computer, so nothing was attached.
composer-mailto-dropped = The link tried to set { $names }. A link may only fill in the recipients, the subject and the text, so that was left out.

## Window: settings

settings-title = Settings
settings-add-account = Add an account
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = Your name
settings-signature = Signature, added to new messages
settings-sent-copy = Keep a copy of sent mail in the Sent folder on the server (turn off for servers that file it themselves, such as Gmail)
settings-offline-days = Days of message bodies kept for reading offline (empty: all of them)
settings-poll-minutes = Minutes between full checks of every folder
settings-pop3-only-copy = This computer holds the only copy of this account's mail unless it is left on the server. Back it up.
settings-pop3-leave = Leave a copy of messages on the server
settings-pop3-days = Days after which they are deleted from the server (empty: never)
settings-pop3-delete-local = Delete them from the server when I delete them here
settings-pop3-check = Minutes between checks for new mail (empty: only when asked)
settings-general = General
settings-servers = Servers and password
settings-password = New password
settings-password-hint = Leave empty to keep the current one
settings-save = Save changes
settings-saved = Saved.
settings-error-number = “{ $field }” must be a whole number greater than zero.
settings-remove = Remove account
settings-remove-imap = Remove { $account }? Its mail stays on the server; the copy on this computer is deleted.
settings-remove-confirm = Remove
settings-remove-pop3-warning = { $account } downloads mail with POP3: the mail on this computer may be the only copy. Keep it, or delete it for good?
settings-remove-keep-mail = Remove, keep its mail here
settings-remove-delete-mail = Remove and delete its mail
settings-cancel = Cancel
settings-removed = { $account } was removed.
settings-appearance = Appearance
settings-appearance-system = Like the system
settings-appearance-light = Light
settings-appearance-dark = Dark
settings-notifications = Tell me when new mail arrives
settings-language = Language
settings-language-system = Like the system

## Window: keyboard shortcuts

help-title = Keyboard shortcuts
help-intro = They work whenever you are not typing in a field.
shortcut-compose = Write a new message
shortcut-reply = Reply
shortcut-reply-all = Reply to all
shortcut-forward = Forward
shortcut-next = Next message
shortcut-previous = Previous message
shortcut-delete = Delete the message
shortcut-unread = Mark as read or unread
shortcut-flag = Flag or unflag
shortcut-archive = Archive
shortcut-search = Search
shortcut-help = Show or hide this list
shortcut-escape = Close this list, settings or the message being written

## Hardening: hostile servers and messages

error-imap-preauth = { $host } started the session as already logged in (PREAUTH), skipping encryption and the login. Tidings does not accept such a session: this may not be the server you set up.
reader-attachment-risky = { $name } ({ $size }; a .{ $extension } file can run programs: open it only if you trust the sender)
reader-warning-name-hides-address = Warning: the sender's name shows { $shown }, but the message comes from { $address }.
reader-warning-confusable-domain = Warning: { $domain } mixes letters of different alphabets and may imitate another domain; it is shown as { $ascii }.
reader-warning-link-differs = Warning: a link shows { $text } but leads to { $target }.
reader-warning-unsafe-link = A link to { $target } was disabled: it could run code.

## Window: reading old messages on demand

error-imap-not-on-server = This message is no longer on the server (it was deleted from “{ $folder }” or moved elsewhere), so its text cannot be downloaded.
reading-download-pop3 = This message came from a POP3 account, which always downloads whole messages. Its text is missing on this computer and cannot be asked for again.
reading-downloading = Downloading this message…
reading-download-offline = The text of this message is not on this computer yet. It will be downloaded as soon as the connection to the server is back.
reading-download-failed = The text of this message could not be downloaded: { $reason }
reading-download-retry = Try again

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = Unexpected argument “{ $arg }”.
cli-parse-unknown-subcommand = “{ $command }” is not a command.
cli-parse-invalid-value = “{ $value }” is not a valid value for { $arg }.
cli-parse-missing-value = { $arg } needs a value.
cli-parse-missing-required = { $count ->
    [one] A required argument is missing: { $args }
   *[other] Required arguments are missing: { $args }
}
cli-parse-missing-subcommand = “{ $command }” needs a command after it.
cli-parse-too-many-values = “{ $value }” is one value too many for { $arg }.
cli-parse-wrong-number = { $arg } takes { $expected ->
    [one] { $expected } value
   *[other] { $expected } values
}, not { $actual }.
cli-parse-conflict = { $arg } cannot be used together with { $other }.
cli-parse-repeated = { $arg } can be given only once.
cli-parse-no-equals = { $arg } wants its value after “=”, e.g. { $arg }=VALUE.
cli-parse-invalid-utf8 = An argument is not valid UTF-8 text.
cli-parse-other = The command line is not valid.
cli-parse-possible-values = Possible values: { $values }
cli-parse-did-you-mean = Did you mean “{ $suggestion }”?
cli-parse-as-value = To pass “{ $arg }” as a value, write “-- { $arg }”.
cli-parse-more = For more, run “{ $command } --help”.

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = the disk is full

## password prompt
password-prompt-title = Password for “{ $account }”
password-prompt-hint = Password
password-prompt-remember = Remember this password in the keyring
password-prompt-ok = Sign in
password-prompt-cancel = Not now
