## Tidings — Deutsch. Keys, order and sections follow en-US/tidings.ftl;
## a key added there is added here at the same place.

app-name = Tidings
app-title-file = { $file } – Tidings
language-name = Deutsch

## Window: welcome

welcome-title = Willkommen bei Tidings
welcome-body = Lesen und senden Sie Ihre E-Mails, online wie offline. Fügen Sie zuerst Ihr E-Mail-Konto hinzu.
welcome-add-account = Konto hinzufügen

## Command line

cli-about = Tidings, ein E-Mail-Programm für den Desktop. Ohne Befehl öffnet es das Fenster.
cli-help-usage = Aufruf:
cli-help-commands = Befehle:
cli-help-arguments = Argumente:
cli-help-options = Optionen:
cli-usage-options = OPTIONEN
cli-usage-command = BEFEHL
cli-arg-help = Diese Hilfe anzeigen
cli-arg-version = Die Version anzeigen
cli-arg-profile = Einstellungen, E-Mails und Protokolle in diesem Ordner ablegen (wie TIDINGS_HOME)
cli-arg-target = Ein mailto:-Link, an den geschrieben werden soll, oder eine Nachrichtendatei zum Lesen
cli-arg-json = Das Ergebnis als ein JSON-Dokument ausgeben
cli-arg-account = Der Name des Kontos
cli-arg-account-name = Der Name des Kontos
cli-arg-keep-mail = POP3-Konten: die heruntergeladenen E-Mails auf diesem Computer behalten
cli-arg-delete-mail = POP3-Konten: die heruntergeladenen E-Mails löschen, obwohl sie die einzige Kopie sein können
cli-arg-email = Die E-Mail-Adresse
cli-arg-display-name = Der Name, den Ihre Empfänger sehen
cli-arg-protocol = Wie E-Mails abgerufen werden: imap lässt sie auf dem Server, pop3 lädt sie herunter und löscht sie dort
cli-arg-auto = Die Server automatisch ermitteln
cli-arg-incoming = Der Posteingangsserver (IMAP oder POP3)
cli-arg-incoming-security = Sicherheit der Verbindung zum Posteingangsserver
cli-arg-smtp = Der Postausgangsserver (SMTP)
cli-arg-smtp-security = Sicherheit der Verbindung zum Postausgangsserver
cli-arg-username = Der Benutzername, falls er nicht die E-Mail-Adresse ist
cli-arg-ca-file = Zusätzlich den Zertifizierungsstellen in dieser PEM-Datei vertrauen
cli-arg-accept-cert = Das Serverzertifikat mit diesem SHA-256-Fingerabdruck akzeptieren
cli-arg-dns-server = Diesen DNS-Server statt des System-DNS fragen
cli-arg-password-stdin = Das Passwort von der Standardeingabe lesen
cli-arg-folder = Der Ordner
cli-arg-limit = Höchstens so viele Nachrichten anzeigen
cli-arg-id = Die Kennung der Nachricht, wie list und search sie ausgeben
cli-arg-raw-show = Die Nachricht genau so ausgeben, wie sie empfangen wurde
cli-arg-query = Wonach gesucht wird, z. B. from:anna has:attachment "Quartalsbericht"
cli-arg-to = Ein Empfänger
cli-arg-cc = Ein Empfänger einer Kopie (CC)
cli-arg-bcc = Ein verborgener Empfänger (BCC)
cli-arg-subject = Der Betreff
cli-arg-body-file = Den Text der Nachricht aus dieser Datei lesen
cli-arg-attach = Diese Datei anhängen
cli-arg-raw-send = Eine vollständige Nachricht von der Standardeingabe lesen und senden
cli-arg-outbox-id = Der Eintrag im Postausgang oder all für alle
cli-arg-seen = Als gelesen markieren
cli-arg-unseen = Als ungelesen markieren
cli-arg-flagged = Markieren
cli-arg-unflagged = Markierung entfernen
cli-cmd-account = Konten hinzufügen, ermitteln, prüfen, auflisten und entfernen
cli-cmd-account-add = Ein Konto hinzufügen
cli-cmd-account-discover = Die Server zu einer E-Mail-Adresse ermitteln
cli-cmd-account-list = Die Konten auflisten
cli-cmd-account-verify = Bei den Servern eines Kontos anmelden, um seine Einstellungen zu prüfen
cli-cmd-account-remove = Ein Konto entfernen
cli-cmd-sync = Senden, was im Postausgang wartet, dann neue E-Mails abrufen
cli-cmd-folders = Die Ordner eines Kontos auflisten
cli-cmd-list = Die Nachrichten eines Ordners auflisten
cli-cmd-show = Eine Nachricht anzeigen
cli-cmd-search = Alle E-Mails durchsuchen
cli-cmd-send = Eine Nachricht senden
cli-cmd-outbox = Anzeigen, was im Postausgang auf das Senden wartet
cli-cmd-outbox-retry = Einen Eintrag im Postausgang erneut senden
cli-cmd-flag = Eine Nachricht als gelesen oder ungelesen markieren, oder ihre Markierung setzen oder entfernen
cli-cmd-move = Eine Nachricht in einen anderen Ordner verschieben
cli-cmd-delete = Eine Nachricht löschen
cli-not-available = „{ $command }“ ist in dieser Version von Tidings noch nicht verfügbar.
cli-error-no-file = Unter „{ $path }“ gibt es keine Nachrichtendatei. Geben Sie einen mailto:-Link oder den Pfad einer Nachrichtendatei (.eml) an.
cli-error-mailto = Der mailto:-Link „{ $link }“ ist ungültig: Sein prozentkodierter Text ist kein UTF-8.

## Errors

error-window = Das Fenster konnte nicht geöffnet werden: { $reason }
error-profile-no-home = Es wurde kein Benutzerordner gefunden, in dem Ihr Profil liegen kann. Setzen Sie TIDINGS_HOME oder verwenden Sie --profile.
error-profile-create = Der Profilordner { $path } konnte nicht angelegt werden: { $reason }
error-net-resolve = Der Servername { $host } wurde nicht gefunden. Prüfen Sie die Schreibweise und Ihre Netzwerkverbindung.
error-net-refused = { $host } hat die Verbindung auf Port { $port } abgelehnt. Prüfen Sie den Port – oder der Server ist nicht in Betrieb.
error-net-unreachable = { $host } ist auf Port { $port } nicht erreichbar: { $reason }
error-net-timeout = { $host } hat auf Port { $port } nicht rechtzeitig geantwortet. Vielleicht sind Sie offline, oder eine Firewall sperrt den Port.
error-net-broken = Die Verbindung zu { $host } ist abgebrochen: { $reason }
error-tls-handshake = Es konnte keine sichere Verbindung zu { $host } aufgebaut werden: { $reason }
error-tls-bad-name = „{ $host }“ ist kein gültiger Servername für eine sichere Verbindung.
error-tls-ca-file = Die Datei mit Zertifizierungsstellen { $path } konnte nicht verwendet werden: { $reason }
error-tls-ca-file-empty = Sie enthält kein Zertifikat
error-tls-bad-pin = „{ $pin }“ ist kein SHA-256-Fingerabdruck eines Zertifikats.
error-tls-platform = Der Zertifikatspeicher des Systems konnte nicht verwendet werden: { $reason }
error-tls-certificate = Dem Zertifikat von { $host } wird nicht vertraut: { $reason } Sein SHA-256-Fingerabdruck ist { $fingerprint }.
cert-reason-unknown-issuer = Es ist von keiner Zertifizierungsstelle signiert, der dieser Computer vertraut (vielleicht ist es selbst signiert).
cert-reason-expired = Es ist am { $date } abgelaufen.
cert-reason-not-yet-valid = Es ist erst ab { $date } gültig.
cert-reason-wrong-host = Es gehört zu einem anderen Server ({ $names }).
cert-reason-revoked = Es wurde von seinem Aussteller widerrufen.
cert-reason-invalid = Es ist ungültig ({ $detail }).
error-account-read = Die Kontoeinstellungen { $path } konnten nicht gelesen werden: { $reason }
error-account-write = Die Kontoeinstellungen { $path } konnten nicht gespeichert werden: { $reason }
error-account-not-found = Es gibt kein Konto mit dem Namen „{ $name }“.
error-account-exists = Ein Konto mit dem Namen „{ $name }“ gibt es bereits.
error-account-invalid = Die Kontoeinstellung „{ $field }“ ist ungültig: { $reason }
account-invalid-empty = Sie darf nicht leer sein
account-invalid-email = „{ $email }“ ist keine E-Mail-Adresse
account-invalid-host = „{ $host }“ ist kein Servername
account-invalid-port = Der Port muss zwischen 1 und 65535 liegen

## Formats: dates are strftime patterns, so each language can order them its own way.

date-format-time = %H:%M
date-format-day-month = %d.%m.
date-format-date = %d.%m.%Y
date-format-full = %A, %-d. %B %Y um %H:%M
date-format-attribution = %-d. %B %Y um %H:%M
date-format-long = %-d. %B %Y um %H:%M
number-decimal-separator = ,
size-bytes = { $count ->
    [one] { $count } Byte
   *[other] { $count } Bytes
}
size-kb = { $size } KB
size-mb = { $size } MB
size-gb = { $size } GB

## IMAP

error-imap-starttls-missing = { $host } bietet kein STARTTLS an, daher konnte keine sichere Verbindung aufgebaut werden. Tidings hat abgebrochen, bevor Ihr Passwort gesendet wurde. Wählen Sie TLS (Port 993) oder fragen Sie Ihren Anbieter.
error-imap-starttls-refused = { $host } hat es abgelehnt, eine sichere Verbindung aufzubauen (STARTTLS): { $text } Tidings hat abgebrochen, bevor Ihr Passwort gesendet wurde.
error-imap-auth = { $host } hat Ihren Benutzernamen oder Ihr Passwort nicht akzeptiert: { $text }
error-imap-no-auth-method = { $host } bietet keine Anmeldemethode an, die Tidings sicher verwenden kann (angeboten wird: { $offered }).
error-imap-greeting = { $host } hat nicht wie ein IMAP-Server geantwortet: { $text }
error-imap-refused = { $host } hat den Befehl { $command } abgelehnt: { $text }
error-imap-rejected = { $host } hat den Befehl { $command } als ungültig zurückgewiesen: { $text }
error-imap-protocol = { $host } hat eine Antwort gesendet, die Tidings nicht versteht: { $detail }
error-imap-closed = { $host } hat die Verbindung getrennt.
error-imap-closed-text = { $host } hat die Verbindung getrennt: { $text }
error-imap-timeout = { $host } antwortet nicht mehr. Vielleicht sind Sie offline, oder der Server ist überlastet.
error-imap-unsafe-input = Die Angabe „{ $value }“ ({ $what }) enthält ein unzulässiges Zeichen ({ $character }).
error-imap-bad-folder-name = { $host } hat einen ungültigen Ordnernamen gesendet: „{ $name }“.
error-imap-unsupported = { $host } unterstützt { $capability } nicht, was hierfür nötig ist.
error-imap-not-imap = Das Konto „{ $account }“ verwendet kein IMAP.
imap-change-failed = Eine Änderung konnte nicht auf dem Server vorgenommen werden: { $reason }
imap-change-failed-uidvalidity = Der Ordner „{ $folder }“ wurde auf dem Server neu aufgebaut, daher kann eine hier vorgenommene Änderung nicht mehr übernommen werden. Der Ordner wird neu heruntergeladen.
imap-change-folder-missing = Der Ordner „{ $folder }“ ist auf dem Server nicht verfügbar: { $text }
imap-change-conflict = { $total ->
    [one] Die Nachricht in „{ $folder }“ ist nicht mehr auf dem Server (gelöscht oder anderswohin verschoben).
   *[other] { $count ->
        [one] { $count } von { $total } Nachrichten in „{ $folder }“ ist nicht mehr auf dem Server (gelöscht oder anderswohin verschoben); die Änderung wurde an den übrigen vorgenommen.
       *[other] { $count } von { $total } Nachrichten in „{ $folder }“ sind nicht mehr auf dem Server (gelöscht oder anderswohin verschoben); die Änderung wurde an den übrigen vorgenommen.
    }
} Ihre Kopie hier bleibt erhalten.
imap-unfetched-body = Die Nachricht „{ $subject }“ in „{ $folder }“ konnte nicht heruntergeladen werden: Der Server hat sie nicht gesendet ({ $reason }). Sie bleibt in der Liste, und Tidings versucht es bei der nächsten Synchronisierung erneut.
imap-unfetched-message = Eine Nachricht in „{ $folder }“ (Nummer { $uid } auf dem Server) konnte nicht heruntergeladen werden: Der Server hat sie nicht gesendet ({ $reason }). Tidings versucht es bei der nächsten Synchronisierung erneut.
error-action-folder-name = Der Ordnername „{ $name }“ kann nicht verwendet werden: { $reason }
error-action-no-folder = In diesem Konto gibt es keinen Ordner „{ $name }“.
error-action-no-messages = Es wurde keine Nachricht ausgewählt.
folder-name-empty = Er ist leer.
folder-name-control = Er enthält ein Steuerzeichen ({ $character }).
folder-name-empty-level = Eine seiner Ebenen zwischen „{ $delimiter }“ ist leer.
folder-name-inbox = INBOX ist der Name des Posteingangs.
cli-sync-account-failed = Synchronisieren von { $account } fehlgeschlagen: { $reason }
cli-sync-done = { $account }: synchronisiert.
cli-sync-imap-summary = { $account }: { $folders } Ordner, { $new } neu, { $removed } entfernt, { $flags } auf dem Server geändert, { $bodies } heruntergeladen; { $replayed ->
    [one] { $replayed } Offline-Änderung übertragen
   *[other] { $replayed } Offline-Änderungen übertragen
}{ $failed ->
    [0] {""}
   *[other] , { $failed } fehlgeschlagen
}.
cli-folder-line = { $name }  ({ $total ->
    [one] { $total } Nachricht
   *[other] { $total } Nachrichten
}, { $unread } ungelesen)
cli-folder-line-role = { $name } [{ $role }]  ({ $total ->
    [one] { $total } Nachricht
   *[other] { $total } Nachrichten
}, { $unread } ungelesen)
cli-change-done = Nachricht { $id } geändert.
cli-change-moved = Nachricht { $id } nach { $folder } verschoben.
cli-change-deleted = Nachricht { $id } gelöscht.
cli-change-queued = Die Änderung ist hier gespeichert und wird bei der nächsten Synchronisierung an den Server übertragen: { $reason }
cli-change-replay-failed = { $count ->
    [one] Eine Änderung konnte
   *[other] { $count } Änderungen konnten
} nicht auf dem Server vorgenommen werden; führen Sie tidings sync aus, um den Grund zu sehen.

## Compose (engine/compose)

compose-field-from = Von
compose-field-to = An
compose-field-cc = CC
compose-field-bcc = BCC
compose-field-subject = Betreff
compose-field-date = Datum
compose-attribution = Am { $date } schrieb { $name }:
compose-attribution-undated = { $name } schrieb:
compose-forwarded-separator = -------- Weitergeleitete Nachricht --------
compose-forwarded-field = { $label }: { $value }
error-compose-line-break = Das Feld „{ $field }“ enthält einen Zeilenumbruch, der nicht gesendet werden kann.
error-compose-address = „{ $value }“ im Feld „{ $field }“ ist keine E-Mail-Adresse.
error-compose-no-recipients = Die Nachricht hat keinen Empfänger. Geben Sie mindestens eine Adresse unter An, Kopie (CC) oder Blindkopie (BCC) an.
error-compose-attachment = Der Anhang { $name } konnte nicht gelesen werden: { $reason }
error-compose-unreadable = Die Nachricht konnte nicht gelesen werden: { $reason }
error-compose-build = Die Nachricht konnte nicht zusammengestellt werden: { $reason }

## Sending (engine/smtp)

smtp-stage-connect = beim Verbindungsaufbau
smtp-stage-auth = bei der Anmeldung
smtp-stage-mail = bei der Absenderadresse
smtp-stage-recipient = bei den Empfängern
smtp-stage-data = vor der Nachricht
smtp-stage-content = nachdem die Nachricht gesendet war
error-smtp-bad-credentials = Der Benutzername oder das Passwort enthält einen Zeilenumbruch, der nicht an einen Server gesendet werden kann.
error-smtp-greeting = { $host } hat die Verbindung nicht angenommen: { $reply }
error-smtp-starttls-missing = { $host } bietet keine verschlüsselte Verbindung (STARTTLS) an, daher hat Tidings sich weder angemeldet noch etwas gesendet. Wählen Sie SSL/TLS in den Kontoeinstellungen oder fragen Sie Ihren Anbieter.
error-smtp-starttls-refused = { $host } hat es abgelehnt, die Verbindung zu verschlüsseln (STARTTLS): { $reply }
error-smtp-auth-unavailable = { $host } bietet keine Anmeldemethode an, die Tidings verwenden kann. Der Server meldete: { $offered }
error-smtp-auth-rejected = { $host } hat den Benutzernamen oder das Passwort abgelehnt: { $reply }
error-smtp-eight-bit = { $host } nimmt keine Nachrichten mit 8-Bit-Zeichen an.
error-smtp-utf8-address = { $host } nimmt keine Adressen mit Nicht-ASCII-Zeichen an.
error-smtp-bad-address = „{ $address }“ ist keine Adresse, an die E-Mails gesendet werden können.
error-smtp-recipients-refused = { $host } hat das Senden an { $recipients } abgelehnt: { $reply }
error-smtp-refused = { $host } hat die Nachricht { $stage } abgelehnt: { $reply }
error-smtp-protocol = { $host } hat eine Antwort gesendet, die Tidings nicht versteht: { $reason }
error-smtp-timeout = { $host } hat { $stage } nicht rechtzeitig geantwortet.
error-smtp-broken = Die Verbindung zu { $host } ist { $stage } abgebrochen: { $reason }

## POP3

error-pop3-unsafe-credential = Die Angabe { $field } enthält einen Zeilenumbruch oder ein NUL-Zeichen, das nicht sicher an einen POP3-Server gesendet werden kann. Es wurde nichts gesendet.
error-pop3-stls-not-offered = { $host } bietet kein STLS an, daher kann die Verbindung nicht verschlüsselt werden. Tidings hat sich nicht angemeldet. Wählen Sie TLS auf Port 995 oder fragen Sie Ihren Anbieter.
error-pop3-stls-refused = { $host } hat es abgelehnt, die Verbindung zu verschlüsseln (STLS): { $reply }. Tidings hat sich nicht angemeldet.
error-pop3-auth-failed = { $host } hat den Benutzernamen oder das Passwort nicht akzeptiert: { $reply }
error-pop3-login-refused = { $host } lässt die Anmeldung derzeit nicht zu: { $reply }
error-pop3-no-login-method = { $host } bietet keine Anmeldemethode an, die Tidings verwenden kann. Ist die Verbindung unverschlüsselt, erlaubt der Server die Anmeldung vielleicht nur über TLS.
error-pop3-timeout = { $host } hat { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
} lang nicht mehr geantwortet. Es ist nichts verloren gegangen; Tidings versucht es erneut.
error-pop3-closed = Die Verbindung zu { $host } wurde unerwartet getrennt. Es ist nichts verloren gegangen; Tidings versucht es erneut.
error-pop3-protocol = { $host } hat eine Antwort gesendet, die nicht POP3 entspricht: { $detail }
error-pop3-refused = { $host } hat { $command } abgelehnt: { $reply }
error-pop3-no-uidl-leave = { $host } kann Nachrichten nicht über Sitzungen hinweg unterscheiden (kein UIDL), daher kann Tidings keine E-Mails auf dem Server lassen, ohne sie immer wieder herunterzuladen. Schalten Sie „Nachrichten auf dem Server belassen“ für dieses Konto aus.
error-pop3-store = Die E-Mails konnten nicht auf diesem Computer gespeichert werden: { $reason }. Auf dem Server wurde nichts gelöscht.
sync-pop3-done = { $account }: { $downloaded ->
    [one] 1 neue Nachricht
   *[other] { $downloaded } neue Nachrichten
}, { $deleted } auf dem Server gelöscht, { $left } dort belassen.
sync-pop3-no-uidl = { $account }: Der Server kann Nachrichten nicht eindeutig kennzeichnen (kein UIDL). Herunterladen und Löschen funktioniert, aber E-Mails können nicht auf dem Server belassen werden.

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = Es ist kein Schlüsselbund verfügbar, um Passwörter aufzubewahren ({ $reason }). Starten Sie den Schlüsselbund Ihres Desktops (unter Linux den Secret Service) oder geben Sie das Passwort nur für diesen Aufruf mit --password-stdin an.
error-keyring-locked = Der Schlüsselbund hat den Zugriff auf das Passwort verweigert ({ $reason }). Entsperren Sie ihn und versuchen Sie es erneut.
error-keyring-missing = Der Schlüsselbund enthält kein Passwort für das Konto „{ $account }“. Geben Sie es mit --password-stdin an.
error-keyring-failed = Fehler im Schlüsselbund: { $reason }
keyring-no-store = es wurde kein Schlüsselbund eingerichtet
keyring-bad-data = das gespeicherte Passwort ist nicht lesbar
keyring-ambiguous = der Schlüsselbund enthält { $count ->
    [one] { $count } Passwort
   *[other] { $count } Passwörter
} für dieses Konto
error-discover-address = „{ $address }“ ist keine E-Mail-Adresse.
error-discover-resolver = Der DNS-Resolver konnte nicht eingerichtet werden: { $reason }
error-discover-nothing = Für { $address } wurden keine Mailserver gefunden ({ $tried ->
    [one] { $tried } Quelle versucht
   *[other] { $tried } Quellen versucht
}). Geben Sie die Server von Hand ein.
error-discover-missing = Für { $address } wurde kein { $kind }-Server gefunden. Geben Sie ihn von Hand ein.
discover-warning-http = Die { $kind }-Einstellungen kamen über eine unverschlüsselte Verbindung ({ $url }); jeder auf dem Weg hätte sie ändern können. Prüfen Sie sie, bevor Sie sie verwenden.
discover-warning-plaintext = Der { $kind }-Server { $host } (Port { $port }) bietet keine Verschlüsselung: Ihr Passwort und Ihre E-Mails wären im Netz für jeden lesbar.
discover-warning-other-domain = Der { $kind }-Server { $host } liegt in einer anderen Domain als Ihre Adresse. Verwenden Sie ihn nur, wenn Sie ihm Ihr Passwort anvertrauen.
cli-arg-ispdb-url = Anbieter in dieser ISPDB statt in der von Thunderbird nachschlagen (die Domain wird angehängt)
cli-arg-password-stdin-run = Das Passwort von der Standardeingabe lesen und nur für diesen Aufruf verwenden
cli-runtime = Die Engine konnte nicht gestartet werden: { $reason }
cli-bad-dns-server = „{ $value }“ ist keine DNS-Server-Adresse; geben Sie IP:PORT an, z. B. 127.0.0.1:53.
cli-bad-host-port = { $what } erwartet HOST:PORT, nicht „{ $value }“.
cli-add-needs = Geben Sie { $flag } an oder verwenden Sie --auto, um die Server zu ermitteln.
cli-json-failed = Das Ergebnis konnte nicht als JSON ausgegeben werden: { $reason }
cli-warning = Warnung: { $text }
cli-password-stdin-failed = Das Passwort konnte nicht von der Standardeingabe gelesen werden: { $reason }
cli-password-empty = Das von der Standardeingabe gelesene Passwort ist leer.
discover-trying = { $target } wird versucht …
discover-provider = Anbieter: { $name }
discover-server = { $kind }: { $host }:{ $port } ({ $security }), Benutzer { $username } – aus { $source }: { $origin }
discover-alternative = Ebenfalls möglich: { $server }
account-added = Konto „{ $name }“ hinzugefügt: Posteingang { $incoming }, Postausgang { $outgoing }.
account-added-no-password = Für „{ $name }“ wurde kein Passwort gespeichert; geben Sie es bei Bedarf mit --password-stdin an.
account-list-empty = Es gibt noch keine Konten. Fügen Sie eines mit „tidings account add“ hinzu.
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }, SMTP { $outgoing }
error-account-mail-would-be-lost = „{ $name }“ ist ein POP3-Konto, und dieser Computer enthält { $messages ->
    [one] eine heruntergeladene Nachricht
   *[other] { $messages } heruntergeladene Nachrichten
} davon, vielleicht die einzige Kopie. Geben Sie an, was damit geschehen soll: --keep-mail oder --delete-mail.
account-removed = Konto „{ $name }“ entfernt.
account-removed-mail-kept = Konto „{ $name }“ entfernt; { $messages ->
    [one] seine heruntergeladene Nachricht wurde
   *[other] seine { $messages } heruntergeladenen Nachrichten wurden
} behalten.
account-removed-mail-deleted = Konto „{ $name }“ und { $messages ->
    [one] seine Nachricht
   *[other] seine { $messages } Nachrichten
} auf diesem Computer entfernt.
verify-incoming = Posteingangsserver
verify-outgoing = Postausgangsserver
verify-ok = { $what } { $server }: angemeldet.
verify-failed = { $what } { $server }: { $reason }

## Drafts (engine/drafts)

error-draft-io = Der Entwurf { $path } konnte nicht gespeichert oder gelesen werden: { $reason }
error-draft-damaged = Der Entwurf { $path } ist beschädigt: { $reason }
error-draft-not-found = Es gibt keinen Entwurf { $id }.
error-draft-bad-id = „{ $id }“ ist kein Entwurf.

## Store

error-store-open = Der Nachrichtenspeicher in { $path } konnte nicht geöffnet werden: { $reason }
error-store-too-new = Der Nachrichtenspeicher wurde von einer neueren Version von Tidings geschrieben. Aktualisieren Sie Tidings, um ihn zu öffnen; es wurde nichts verändert.
error-store-database = Der Nachrichtenspeicher konnte nicht gelesen oder geschrieben werden: { $reason }
error-store-file = Die Nachrichtendatei { $path } konnte nicht gelesen oder geschrieben werden: { $reason }
error-store-no-account = Für ein Konto mit dem Namen „{ $name }“ sind keine E-Mails gespeichert.
error-store-no-folder = Es gibt keinen Ordner „{ $name }“.
error-store-folder-exists = Ein Ordner mit dem Namen „{ $name }“ existiert bereits.
error-store-no-message = Es gibt keine Nachricht mit der Kennung { $id }.
error-store-no-body = Nachricht { $id } wurde noch nicht heruntergeladen. Synchronisieren Sie das Konto, um sie abzurufen.
error-store-lost = Die gespeicherte Kopie von Nachricht { $id } fehlt auf der Festplatte und kann nicht erneut heruntergeladen werden.
error-store-no-outbox = Es gibt keinen Eintrag { $id } im Postausgang.
error-store-no-change = Es gibt keine vorgemerkte Änderung { $id }.
error-store-change = Eine Änderung, die an den Server gesendet werden soll, konnte nicht gelesen werden: { $reason }
error-store-query = Die Suche „{ $query }“ ist ungültig: { $reason }
search-problem-quote = Ein Anführungszeichen wird nicht geschlossen.
search-problem-empty = „{ $key }:“ braucht einen Wert, z. B. { $key }:etwas.
search-problem-key = „{ $key }:“ ist kein Suchbegriff. Verwenden Sie from:, to:, subject:, has:, is:, before:, after:, in: oder account:, oder setzen Sie das Wort in Anführungszeichen.
search-problem-value = „{ $key }:{ $value }“ ist unbekannt. Versuchen Sie has:attachment, is:unread, is:read, is:flagged oder is:answered.
search-problem-date = „{ $value }“ ist kein Datum. Schreiben Sie es als JJJJ-MM-TT, z. B. 2025-01-31.
search-problem-empty-query = Es gibt nichts zu suchen.
message-unreadable = (unlesbare Nachricht)
message-no-subject = (kein Betreff)
reader-from = Von
reader-to = An
reader-cc = Kopie (CC)
reader-date = Datum
reader-subject = Betreff
reader-attachments = Anhänge
reader-not-downloaded = Der Text dieser Nachricht wurde noch nicht heruntergeladen. Synchronisieren Sie das Konto, um ihn abzurufen.
reader-remote-blocked = { $count ->
    [one] Ein externes Bild wurde zum Schutz Ihrer Privatsphäre nicht geladen.
   *[other] { $count } externe Bilder wurden zum Schutz Ihrer Privatsphäre nicht geladen.
}
reader-image-remote = [Bild nicht geladen: { $alt }]
reader-image = [Bild: { $alt }]
cli-write-failed = Die Ausgabe konnte nicht geschrieben werden: { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = Tidings wurde beendet, während diese Nachricht gesendet wurde. Vielleicht wurde sie gesendet; fragen Sie bei einem Empfänger nach, bevor Sie sie erneut senden.
outbox-maybe-sent = Die Verbindung brach ab, nachdem die Nachricht übergeben war, daher wurde sie vielleicht gesendet: { $reason } Sie wird nur erneut gesendet, wenn Sie es verlangen.
outbox-sent-copy-failed = Die Nachricht wurde gesendet, aber ihre Kopie für den Ordner „Gesendet“ konnte nicht gespeichert werden: { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = Die Nachricht konnte nicht von der Standardeingabe gelesen werden: { $reason }
cli-send-body-file = Die Textdatei { $path } konnte nicht gelesen werden: { $reason }
cli-send-busy = Ein anderes Tidings sendet gerade.
cli-send-sent = Gesendet (Eintrag { $id } im Postausgang).
cli-send-failed = Die Nachricht wurde nicht gesendet und bleibt als Eintrag { $id } im Postausgang: { $reason }
cli-send-maybe-sent = Eintrag { $id } im Postausgang: { $reason }
cli-send-queued = Die Nachricht konnte jetzt nicht gesendet werden und wartet als Eintrag { $id } im Postausgang; sie wird erneut versucht: { $reason }
cli-outbox-bad-id = „{ $id }“ ist weder die Nummer eines Eintrags im Postausgang noch „all“.
cli-outbox-empty = Der Postausgang ist leer.
cli-outbox-left = { $count ->
    [one] Eine Nachricht ist noch im Postausgang.
   *[other] { $count } Nachrichten sind noch im Postausgang.
}
outbox-state-queued = wartet auf das Senden
outbox-state-sending = wird gesendet
outbox-state-retry = wird um { $at } erneut versucht: { $reason }
outbox-state-failed = nicht gesendet: { $reason }
outbox-state-maybe-sent = vielleicht gesendet: { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account }: { $count ->
    [one] eine Nachricht gesendet.
   *[other] { $count } Nachrichten gesendet.
}
sync-smtp-problem = { $account }: Eintrag { $id } im Postausgang wurde nicht gesendet: { $reason }

## Window (src/ui)

app-opening = Ihre E-Mails werden geöffnet …
app-broken-title = Tidings konnte Ihre E-Mails nicht öffnen
error-internal = In Tidings ist ein interner Fehler aufgetreten. Einzelheiten stehen im Protokoll.

## Window: setup wizard

wizard-add-title = Konto hinzufügen
wizard-name = Ihr Name
wizard-name-hint = Der Name, den Ihre Empfänger sehen
wizard-email = E-Mail-Adresse
wizard-email-hint = name@example.com
wizard-password = Passwort
wizard-password-hint = Das Passwort Ihres E-Mail-Kontos
wizard-continue = Weiter
wizard-manual = Manuell einrichten
wizard-cancel = Abbrechen
wizard-back = Zurück
wizard-error-email = Geben Sie Ihre vollständige E-Mail-Adresse ein, z. B. name@example.com.
wizard-error-password = Geben Sie Ihr Passwort ein.
wizard-error-host = Geben Sie den Namen des Servers für { $server } ein.
wizard-error-port = Der Port des Servers für { $server } muss eine Zahl von 1 bis 65535 sein.
wizard-error-security = Wählen Sie, wie die Verbindung zum Server für { $server } gesichert wird.
wizard-searching = Ihre Einstellungen werden gesucht …
wizard-searching-for = Tidings ermittelt, wo die E-Mails von { $email } liegen.
wizard-nothing-found = Für diese Adresse wurden keine Einstellungen gefunden. Geben Sie die Server ein, die Ihr Anbieter Ihnen nennt.
wizard-review-title = Die Server Ihres Kontos
wizard-found-source = Herkunft dieser Einstellungen: { $source }.
wizard-other-domain = Diese Server liegen nicht bei { $domain }, sondern bei { $host }. Verwenden Sie sie nur, wenn Sie wissen, dass Ihr Anbieter Ihre E-Mails dort aufbewahrt.
wizard-protocol-question = Wie soll Tidings Ihre E-Mails abrufen?
wizard-imap = IMAP (empfohlen)
wizard-imap-explain = Ihre E-Mails bleiben auf dem Server und sind auf allen Ihren Geräten gleich.
wizard-pop3 = POP3
wizard-pop3-explain = Ihre E-Mails werden auf diesen Computer heruntergeladen und vom Server gelöscht – gut bei langsamen oder unzuverlässigen Verbindungen, aber dann liegt die einzige Kopie auf diesem Computer: Sichern Sie sie.
wizard-incoming = eingehende E-Mails
wizard-outgoing = ausgehende E-Mails
wizard-incoming-imap = Posteingangsserver (IMAP)
wizard-incoming-pop3 = Posteingangsserver (POP3)
wizard-outgoing-smtp = Postausgangsserver (SMTP)
wizard-server-line = { $host }, Port { $port }, { $security }
wizard-server-user = Anmeldung als { $username }
wizard-host = Server
wizard-port = Port
wizard-security = Sicherheit
wizard-username = Benutzername
wizard-edit-settings = Einstellungen ändern
wizard-hide-settings = Einstellungen ausblenden
wizard-plain-warning = Ohne Verschlüsselung sind Ihr Passwort und Ihre E-Mails auf dem Weg durchs Netz für jeden lesbar.
wizard-sign-in = Anmelden
wizard-verifying = Anmeldung läuft …
wizard-saving = Ihr Konto wird gespeichert …
wizard-please-wait = Das dauert ein paar Sekunden.
wizard-accept-certificate = Diesem Zertifikat für dieses Konto vertrauen
wizard-discover-source-bundled = die Anbieterliste von Tidings
wizard-discover-source-autoconfig = die Einstellungsdatei Ihres Anbieters
wizard-discover-source-ispdb = die Anbieterdatenbank von Thunderbird
wizard-discover-source-mx = der Mail-Exchanger (MX) der Domain
wizard-discover-source-srv = die DNS-Diensteinträge (SRV) der Domain
wizard-discover-source-guess = übliche Servernamen
wizard-discover-trying = Anfrage an { $source }: { $target }
wizard-discover-found-at = Server gefunden bei { $target }
wizard-discover-bad-certificate = { $target }: Dem Zertifikat von { $host } wird nicht vertraut
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = Keine (unverschlüsselt)
certificate-title = Das Zertifikat von { $host }
certificate-subject = Ausgestellt für
certificate-issuer = Ausgestellt von
certificate-valid = Gültig
certificate-valid-range = vom { $from } bis zum { $until }
certificate-fingerprint = SHA-256
certificate-advice = Vertrauen Sie ihm nur, wenn Ihr Anbieter Ihnen genau diesen Fingerabdruck genannt hat. Ändert sich das Zertifikat später, fragt Tidings erneut.

## Window: mailbox

toolbar-compose = Verfassen
toolbar-sync = Abrufen
toolbar-settings = Einstellungen
toolbar-help = Tastenkürzel
search-hint = Suchen: Wörter, "eine Wortgruppe", from:anna, has:attachment, is:unread …
folder-unified = Alle Posteingänge
folder-inbox = Posteingang
folder-sent = Gesendet
folder-drafts = Entwürfe
folder-trash = Papierkorb
folder-junk = Junk
folder-archive = Archiv
list-loading = Wird geladen …
list-empty = Hier sind keine Nachrichten.
list-no-results = Keine Nachricht passt zu dieser Suche.
list-no-sender = (kein Absender)
list-no-subject = (kein Betreff)
reading-nothing = Wählen Sie eine Nachricht aus, um sie zu lesen.
reading-loading = Die Nachricht wird geöffnet …
reading-not-downloaded = Der Text dieser Nachricht wurde noch nicht heruntergeladen. Er erscheint hier, sobald die Synchronisierung ihn bringt – es sei denn, die Nachricht ist älter als die Tage, die zum Offline-Lesen aufbewahrt werden (siehe Einstellungen).
reading-to = An
reading-cc = Kopie (CC)
reading-reply-to = Antwort an
reading-unreadable = Diese Nachricht konnte nicht als E-Mail gelesen werden; hier ist genau das, was empfangen wurde.
reading-show-source = Quelltext anzeigen
reading-hide-source = Nachricht anzeigen
reading-remote-blocked = { $count ->
    [one] Ein Bild in dieser Nachricht liegt im Internet und wurde nicht geladen, damit der Absender nicht sieht, dass Sie die Nachricht gelesen haben.
   *[other] { $count } Bilder in dieser Nachricht liegen im Internet und wurden nicht geladen, damit der Absender nicht sieht, dass Sie die Nachricht gelesen haben.
}
reading-remote-load = Externe Inhalte laden
reading-remote-loading = Externe Inhalte werden geladen …
reading-remote-failed = { $count ->
    [one] Ein externes Bild konnte nicht geladen werden.
   *[other] { $count } externe Bilder konnten nicht geladen werden.
}
reading-image = (Bild)
reading-image-remote = (externes Bild, nicht geladen)
reading-image-remote-named = (externes Bild „{ $alt }“, nicht geladen)
reading-save = Speichern
reading-open = Öffnen
reading-save-title = Anhang speichern
reading-saved = Gespeichert als { $path }.
reading-error-file = { $path } konnte nicht geschrieben werden: { $reason }
reading-error-open = { $target } konnte nicht geöffnet werden: { $reason }
reading-error-link = „{ $url }“ ist kein Web- oder E-Mail-Link; Tidings öffnet ihn nicht.
reading-error-scheme = Bilder werden nur über http und https geladen, nicht über { $scheme }
reading-error-too-big = Das Bild ist größer als 10 MB
action-reply = Antworten
action-reply-all = Allen antworten
action-forward = Weiterleiten
action-mark-read = Als gelesen markieren
action-mark-unread = Als ungelesen markieren
action-flag = Markieren
action-unflag = Markierung entfernen
action-archive = Archivieren
action-delete = Löschen
action-move = Verschieben nach …

## Window: status bar

status-idle = Auf dem neuesten Stand
status-sync-starting = { $account }: Verbindung wird hergestellt …
status-sync-headers = { $account }: { $folder }, { $done } von { $total ->
    [one] { $total } Nachricht
   *[other] { $total } Nachrichten
}
status-sync-bodies = { $account }: { $folder }, { $done } von { $total ->
    [one] { $total } Nachricht
   *[other] { $total } Nachrichten
} zum Offline-Lesen heruntergeladen
status-sync-download = { $account }: { $done } von { $total ->
    [one] { $total } Nachricht
   *[other] { $total } Nachrichten
} heruntergeladen
status-sync-send = { $account }: { $done } von { $total } werden gesendet
status-sync-replay = { $account }: { $done } von { $total ->
    [one] { $total } Änderung
   *[other] { $total } Änderungen
} an den Server gesendet
status-offline = Offline ({ $account }: { $reason })
status-offline-waiting = Offline ({ $account }: { $reason }) – { $count ->
    [one] eine Änderung wartet und wird
   *[other] { $count } Änderungen warten und werden
} übertragen, sobald die Verbindung wieder besteht
status-outbox = { $count ->
    [one] 1 Nachricht im Postausgang
   *[other] { $count } Nachrichten im Postausgang
}
notify-new-mail-title = { $count ->
    [one] Neue Nachricht
   *[other] { $count } neue Nachrichten
}
notify-new-mail-body = In { $folder } von { $account }

## Window: composer

composer-title-new = Neue Nachricht
composer-title-reply = Antworten
composer-title-forward = Weiterleiten
composer-from = Von
composer-to = An
composer-cc = Kopie (CC)
composer-bcc = Blindkopie (BCC)
composer-show-copies = CC oder BCC hinzufügen
composer-subject = Betreff
composer-address-hint = Namen oder Adressen, durch Kommas getrennt
composer-body-hint = Schreiben Sie Ihre Nachricht
composer-attach = Dateien anhängen
composer-attach-title = Dateien anhängen
composer-drop-hint = oder Dateien hierher ziehen
composer-send = Senden
composer-close = Schließen
composer-discard = Verwerfen
composer-sending = Die Nachricht wird in den Postausgang gelegt …
composer-saving = Entwurf wird gespeichert …
composer-saved = Entwurf gespeichert
composer-preparing = Die Nachricht wird vorbereitet …
composer-error-from = Wählen Sie das Konto, von dem aus gesendet wird.
composer-error-recipients = Fügen Sie mindestens einen Empfänger hinzu.
composer-mailto-files = Der Link wollte { $names } anhängen. Ein Link darf keine Dateien von diesem Computer nehmen, daher wurde nichts angehängt.
composer-mailto-dropped = Der Link wollte { $names } festlegen. Ein Link darf nur die Empfänger, den Betreff und den Text ausfüllen, daher wurde das weggelassen.

## Window: settings

settings-title = Einstellungen
settings-add-account = Konto hinzufügen
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = Ihr Name
settings-signature = Signatur, wird neuen Nachrichten angefügt
settings-sent-copy = Eine Kopie gesendeter Nachrichten im Ordner „Gesendet“ auf dem Server ablegen (ausschalten bei Servern, die das selbst tun, etwa Gmail)
settings-offline-days = Tage, für die Nachrichtentexte zum Offline-Lesen aufbewahrt werden (leer: alle)
settings-poll-minutes = Minuten zwischen vollständigen Prüfungen aller Ordner
settings-pop3-only-copy = Auf diesem Computer liegt die einzige Kopie der E-Mails dieses Kontos, sofern sie nicht auf dem Server belassen werden. Sichern Sie sie.
settings-pop3-leave = Eine Kopie der Nachrichten auf dem Server belassen
settings-pop3-days = Tage, nach denen sie vom Server gelöscht werden (leer: nie)
settings-pop3-delete-local = Vom Server löschen, wenn ich sie hier lösche
settings-pop3-check = Minuten zwischen zwei Abrufen neuer E-Mails (leer: nur auf Anforderung)
settings-general = Allgemein
settings-servers = Server und Passwort
settings-password = Neues Passwort
settings-password-hint = Leer lassen, um das aktuelle zu behalten
settings-save = Änderungen speichern
settings-saved = Gespeichert.
settings-error-number = „{ $field }“ muss eine ganze Zahl größer als null sein.
settings-remove = Konto entfernen
settings-remove-imap = { $account } entfernen? Die E-Mails bleiben auf dem Server; die Kopie auf diesem Computer wird gelöscht.
settings-remove-confirm = Entfernen
settings-remove-pop3-warning = { $account } lädt E-Mails per POP3 herunter: Die E-Mails auf diesem Computer sind vielleicht die einzige Kopie. Behalten oder endgültig löschen?
settings-remove-keep-mail = Entfernen, E-Mails hier behalten
settings-remove-delete-mail = Entfernen und E-Mails löschen
settings-cancel = Abbrechen
settings-removed = { $account } wurde entfernt.
settings-appearance = Darstellung
settings-appearance-system = Wie das System
settings-appearance-light = Hell
settings-appearance-dark = Dunkel
settings-notifications = Benachrichtigen, wenn neue E-Mails eintreffen
settings-language = Sprache
settings-language-system = Wie das System

## Window: keyboard shortcuts

help-title = Tastenkürzel
help-intro = Sie wirken, solange Sie nicht in ein Feld schreiben.
shortcut-compose = Neue Nachricht verfassen
shortcut-reply = Antworten
shortcut-reply-all = Allen antworten
shortcut-forward = Weiterleiten
shortcut-next = Nächste Nachricht
shortcut-previous = Vorherige Nachricht
shortcut-delete = Nachricht löschen
shortcut-unread = Als gelesen oder ungelesen markieren
shortcut-flag = Markieren oder Markierung entfernen
shortcut-archive = Archivieren
shortcut-search = Suchen
shortcut-help = Diese Liste ein- oder ausblenden
shortcut-escape = Diese Liste, die Einstellungen oder die Nachricht in Bearbeitung schließen

## Hardening: hostile servers and messages

error-imap-preauth = { $host } hat die Sitzung als bereits angemeldet begonnen (PREAUTH) und damit Verschlüsselung und Anmeldung übersprungen. Tidings nimmt eine solche Sitzung nicht an: Möglicherweise ist das nicht der Server, den Sie eingerichtet haben.
reader-attachment-risky = { $name } ({ $size }; eine .{ $extension }-Datei kann Programme ausführen: Öffnen Sie sie nur, wenn Sie dem Absender vertrauen)
reader-warning-name-hides-address = Achtung: Der Name des Absenders zeigt { $shown }, die Nachricht kommt aber von { $address }.
reader-warning-confusable-domain = Achtung: { $domain } mischt Buchstaben verschiedener Alphabete und könnte eine andere Domain nachahmen; sie wird als { $ascii } angezeigt.
reader-warning-link-differs = Achtung: Ein Link zeigt { $text }, führt aber zu { $target }.
reader-warning-unsafe-link = Ein Link zu { $target } wurde deaktiviert, weil er Code ausführen könnte.

## Window: reading old messages on demand

error-imap-not-on-server = Diese Nachricht ist nicht mehr auf dem Server (sie wurde aus „{ $folder }“ gelöscht oder woandershin verschoben), daher kann ihr Text nicht heruntergeladen werden.
reading-download-pop3 = Diese Nachricht stammt aus einem POP3-Konto, das Nachrichten immer vollständig herunterlädt. Ihr Text fehlt auf diesem Computer und kann nicht erneut abgerufen werden.
reading-downloading = Diese Nachricht wird heruntergeladen …
reading-download-offline = Der Text dieser Nachricht ist noch nicht auf diesem Computer. Er wird heruntergeladen, sobald die Verbindung zum Server wieder besteht.
reading-download-failed = Der Text dieser Nachricht konnte nicht heruntergeladen werden: { $reason }
reading-download-retry = Erneut versuchen

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = Unerwartetes Argument „{ $arg }“.
cli-parse-unknown-subcommand = „{ $command }“ ist kein Befehl.
cli-parse-invalid-value = „{ $value }“ ist kein gültiger Wert für { $arg }.
cli-parse-missing-value = { $arg } braucht einen Wert.
cli-parse-missing-required = { $count ->
    [one] Eine nötige Angabe fehlt: { $args }
   *[other] Nötige Angaben fehlen: { $args }
}
cli-parse-missing-subcommand = Nach „{ $command }“ fehlt ein Befehl.
cli-parse-too-many-values = „{ $value }“ ist ein Wert zu viel für { $arg }.
cli-parse-wrong-number = { $arg } braucht { $expected ->
    [one] { $expected } Wert
   *[other] { $expected } Werte
}, nicht { $actual }.
cli-parse-conflict = { $arg } kann nicht zusammen mit { $other } verwendet werden.
cli-parse-repeated = { $arg } darf nur einmal angegeben werden.
cli-parse-no-equals = { $arg } braucht seinen Wert nach „=“, etwa { $arg }=WERT.
cli-parse-invalid-utf8 = Ein Argument ist kein gültiger UTF-8-Text.
cli-parse-other = Die Befehlszeile ist nicht gültig.
cli-parse-possible-values = Mögliche Werte: { $values }
cli-parse-did-you-mean = Meinten Sie „{ $suggestion }“?
cli-parse-as-value = Um „{ $arg }“ als Wert zu übergeben, schreiben Sie „-- { $arg }“.
cli-parse-more = Mehr dazu zeigt „{ $command } --help“.

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = der Datenträger ist voll

## password prompt
password-prompt-title = Passwort für „{ $account }“
password-prompt-hint = Passwort
password-prompt-remember = Passwort im Schlüsselbund speichern
password-prompt-ok = Anmelden
password-prompt-cancel = Nicht jetzt
