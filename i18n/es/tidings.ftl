## Tidings — español. Keys, order and sections follow en-US/tidings.ftl;
## a key added there is added here at the same place.

app-name = Tidings
app-title-file = { $file } — Tidings
language-name = Español

## Window: welcome

welcome-title = Te damos la bienvenida a Tidings
welcome-body = Lee y envía tu correo, con o sin conexión. Para empezar, añade tu cuenta de correo.
welcome-add-account = Añadir una cuenta

## Command line

cli-about = Tidings, un cliente de correo de escritorio. Sin ningún comando, abre la ventana.
cli-help-usage = Uso:
cli-help-commands = Comandos:
cli-help-arguments = Argumentos:
cli-help-options = Opciones:
cli-usage-options = OPCIONES
cli-usage-command = COMANDO
cli-arg-help = Mostrar esta ayuda
cli-arg-version = Mostrar la versión
cli-arg-profile = Guardar los ajustes, el correo y los registros en esta carpeta (igual que TIDINGS_HOME)
cli-arg-target = Un enlace mailto: al que escribir, o un archivo de mensaje que leer
cli-arg-json = Mostrar el resultado como un único documento JSON
cli-arg-account = El nombre de la cuenta
cli-arg-account-name = El nombre de la cuenta
cli-arg-keep-mail = Cuentas POP3: conservar en este equipo el correo descargado
cli-arg-delete-mail = Cuentas POP3: eliminar el correo descargado, que puede ser la única copia
cli-arg-email = La dirección de correo
cli-arg-display-name = El nombre que ven las personas a las que escribes
cli-arg-protocol = Cómo recibir el correo: imap lo deja en el servidor, pop3 lo descarga y lo elimina de allí
cli-arg-auto = Buscar los servidores automáticamente
cli-arg-incoming = El servidor entrante (IMAP o POP3)
cli-arg-incoming-security = Seguridad de la conexión entrante
cli-arg-smtp = El servidor saliente (SMTP)
cli-arg-smtp-security = Seguridad de la conexión saliente
cli-arg-username = El nombre de usuario, si no es la dirección de correo
cli-arg-ca-file = Confiar también en las autoridades de certificación de este archivo PEM
cli-arg-accept-cert = Aceptar el certificado del servidor con esta huella SHA-256
cli-arg-dns-server = Consultar este servidor DNS en lugar del del sistema
cli-arg-password-stdin = Leer la contraseña de la entrada estándar
cli-arg-folder = La carpeta
cli-arg-limit = Mostrar como máximo este número de mensajes
cli-arg-id = El identificador del mensaje, tal como lo muestran list y search
cli-arg-raw-show = Mostrar el mensaje exactamente como se recibió
cli-arg-query = Qué buscar, p. ej. from:anna has:attachment "informe trimestral"
cli-arg-to = Un destinatario
cli-arg-cc = Un destinatario en copia (CC)
cli-arg-bcc = Un destinatario oculto (CCO)
cli-arg-subject = El asunto
cli-arg-body-file = Leer el texto del mensaje de este archivo
cli-arg-attach = Adjuntar este archivo
cli-arg-raw-send = Enviar un mensaje completo leído de la entrada estándar
cli-arg-outbox-id = La entrada de la bandeja de salida, o all para todas
cli-arg-seen = Marcar como leído
cli-arg-unseen = Marcar como no leído
cli-arg-flagged = Marcar con bandera
cli-arg-unflagged = Quitar la bandera
cli-cmd-account = Añadir, buscar, comprobar, listar y eliminar cuentas
cli-cmd-account-add = Añadir una cuenta
cli-cmd-account-discover = Buscar los servidores de una dirección de correo
cli-cmd-account-list = Listar las cuentas
cli-cmd-account-verify = Iniciar sesión en los servidores de una cuenta para comprobar sus ajustes
cli-cmd-account-remove = Eliminar una cuenta
cli-cmd-sync = Enviar lo que espera en la bandeja de salida y después recibir el correo nuevo
cli-cmd-folders = Listar las carpetas de una cuenta
cli-cmd-list = Listar los mensajes de una carpeta
cli-cmd-show = Mostrar un mensaje
cli-cmd-search = Buscar en todo el correo
cli-cmd-send = Enviar un mensaje
cli-cmd-outbox = Mostrar lo que espera para enviarse
cli-cmd-outbox-retry = Volver a intentar enviar una entrada de la bandeja de salida
cli-cmd-flag = Marcar un mensaje como leído o no leído, o poner o quitar su bandera
cli-cmd-move = Mover un mensaje a otra carpeta
cli-cmd-delete = Eliminar un mensaje
cli-not-available = «{ $command }» todavía no está disponible en esta versión de Tidings.
cli-error-no-file = No hay ningún archivo de mensaje en «{ $path }». Indica un enlace mailto: o la ruta de un archivo de mensaje (.eml).
cli-error-mailto = El enlace mailto: «{ $link }» no es válido: su texto codificado con porcentajes no es UTF-8.

## Errors

error-window = No se pudo abrir la ventana: { $reason }
error-profile-no-home = No se encontró ninguna carpeta personal donde guardar tu perfil. Define TIDINGS_HOME o usa --profile.
error-profile-create = No se pudo crear la carpeta del perfil { $path }: { $reason }
error-net-resolve = No se encontró el servidor { $host }. Revisa cómo está escrito y tu conexión de red.
error-net-refused = { $host } rechazó la conexión en el puerto { $port }. Revisa el puerto; también puede que el servidor no esté funcionando.
error-net-unreachable = No se pudo llegar a { $host } en el puerto { $port }: { $reason }
error-net-timeout = { $host } no respondió a tiempo en el puerto { $port }. Puede que no tengas conexión o que un cortafuegos bloquee el puerto.
error-net-broken = Se cortó la conexión con { $host }: { $reason }
error-tls-handshake = No se pudo establecer una conexión segura con { $host }: { $reason }
error-tls-bad-name = «{ $host }» no es un nombre de servidor válido para una conexión segura.
error-tls-ca-file = No se pudo usar el archivo de autoridades de certificación { $path }: { $reason }
error-tls-ca-file-empty = no contiene ningún certificado
error-tls-bad-pin = «{ $pin }» no es una huella SHA-256 de certificado.
error-tls-platform = No se pudo usar el almacén de certificados del sistema: { $reason }
error-tls-certificate = El certificado de { $host } no es de confianza: { $reason } Su huella SHA-256 es { $fingerprint }.
cert-reason-unknown-issuer = no lo firma ninguna autoridad en la que confíe este equipo (puede que esté autofirmado).
cert-reason-expired = caducó el { $date }.
cert-reason-not-yet-valid = solo es válido a partir del { $date }.
cert-reason-wrong-host = pertenece a otro servidor ({ $names }).
cert-reason-revoked = su emisor lo ha revocado.
cert-reason-invalid = no es válido ({ $detail }).
error-account-read = No se pudieron leer los ajustes de la cuenta { $path }: { $reason }
error-account-write = No se pudieron guardar los ajustes de la cuenta { $path }: { $reason }
error-account-not-found = No hay ninguna cuenta llamada «{ $name }».
error-account-exists = Ya existe una cuenta llamada «{ $name }».
error-account-invalid = El ajuste de cuenta «{ $field }» no es válido: { $reason }
account-invalid-empty = no puede estar vacío
account-invalid-email = «{ $email }» no es una dirección de correo
account-invalid-host = «{ $host }» no es un nombre de servidor
account-invalid-port = el puerto debe estar entre 1 y 65535

## Formats: dates are strftime patterns, so each language can order them its own way.

date-format-time = %H:%M
date-format-day-month = %-d %b
date-format-date = %d/%m/%Y
date-format-full = %A, %-d de %B de %Y, %H:%M
date-format-attribution = %-d de %B de %Y a las %H:%M
date-format-long = %-d de %B de %Y a las %H:%M
number-decimal-separator = ,
size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
size-kb = { $size } KB
size-mb = { $size } MB
size-gb = { $size } GB

## IMAP

error-imap-starttls-missing = { $host } no ofrece STARTTLS, así que no se pudo establecer una conexión segura. Tidings se detuvo antes de enviar tu contraseña. Elige TLS (puerto 993) o consulta a tu proveedor.
error-imap-starttls-refused = { $host } se negó a iniciar una conexión segura (STARTTLS): { $text } Tidings se detuvo antes de enviar tu contraseña.
error-imap-auth = { $host } no aceptó tu nombre de usuario o tu contraseña: { $text }
error-imap-no-auth-method = { $host } no ofrece ninguna forma de iniciar sesión que Tidings pueda usar de forma segura (ofrece: { $offered }).
error-imap-greeting = { $host } no respondió como un servidor de correo IMAP: { $text }
error-imap-refused = { $host } rechazó el comando { $command }: { $text }
error-imap-rejected = { $host } rechazó el comando { $command } por no ser válido: { $text }
error-imap-protocol = { $host } envió una respuesta que Tidings no entiende: { $detail }
error-imap-closed = { $host } cerró la conexión.
error-imap-closed-text = { $host } cerró la conexión: { $text }
error-imap-timeout = { $host } dejó de responder. Puede que no tengas conexión o que el servidor esté saturado.
error-imap-unsafe-input = El valor «{ $value }» ({ $what }) contiene un carácter no permitido ({ $character }).
error-imap-bad-folder-name = { $host } envió un nombre de carpeta no válido: «{ $name }».
error-imap-unsupported = { $host } no admite { $capability }, que es necesario para esto.
error-imap-not-imap = La cuenta «{ $account }» no usa IMAP.
imap-change-failed = No se pudo aplicar un cambio en el servidor: { $reason }
imap-change-failed-uidvalidity = La carpeta «{ $folder }» se ha reconstruido en el servidor, así que ya no se puede aplicar un cambio hecho aquí. La carpeta se vuelve a descargar.
imap-change-folder-missing = La carpeta «{ $folder }» no está disponible en el servidor: { $text }
imap-change-conflict = { $total ->
    [one] El mensaje de «{ $folder }» ya no está en el servidor (se eliminó o se movió a otro sitio).
   *[other] { $count ->
        [one] { $count } de { $total } mensajes de «{ $folder }» ya no está en el servidor (se eliminó o se movió a otro sitio); el cambio se aplicó a los demás.
       *[other] { $count } de { $total } mensajes de «{ $folder }» ya no están en el servidor (se eliminaron o se movieron a otro sitio); el cambio se aplicó a los demás.
    }
} Tu copia local se conserva.
imap-unfetched-body = No se pudo descargar el mensaje «{ $subject }» de «{ $folder }»: el servidor no lo envió ({ $reason }). Sigue en la lista y Tidings volverá a intentarlo en la próxima sincronización.
imap-unfetched-message = No se pudo descargar un mensaje de «{ $folder }» (número { $uid } en el servidor): el servidor no lo envió ({ $reason }). Tidings volverá a intentarlo en la próxima sincronización.
error-action-folder-name = No se puede usar el nombre de carpeta «{ $name }»: { $reason }
error-action-no-folder = No hay ninguna carpeta «{ $name }» en esta cuenta.
error-action-no-messages = No se eligió ningún mensaje.
folder-name-empty = está vacío.
folder-name-control = contiene un carácter de control ({ $character }).
folder-name-empty-level = uno de sus niveles entre «{ $delimiter }» está vacío.
folder-name-inbox = INBOX es el nombre de la bandeja de entrada.
cli-sync-account-failed = Falló la sincronización de { $account }: { $reason }
cli-sync-done = { $account }: sincronizada.
cli-sync-imap-summary = { $account }: { $folders ->
    [one] { $folders } carpeta
   *[other] { $folders } carpetas
}, { $new ->
    [one] { $new } nuevo
   *[other] { $new } nuevos
}, { $removed ->
    [one] { $removed } eliminado
   *[other] { $removed } eliminados
}, { $flags ->
    [one] { $flags } cambiado en el servidor
   *[other] { $flags } cambiados en el servidor
}, { $bodies ->
    [one] { $bodies } descargado
   *[other] { $bodies } descargados
}; { $replayed ->
    [one] { $replayed } cambio sin conexión enviado
   *[other] { $replayed } cambios sin conexión enviados
}{ $failed ->
    [0] {""}
    [one] , { $failed } fallido
   *[other] , { $failed } fallidos
}.
cli-folder-line = { $name }  ({ $total ->
    [one] { $total } mensaje
   *[other] { $total } mensajes
}, { $unread ->
    [one] { $unread } no leído
   *[other] { $unread } no leídos
})
cli-folder-line-role = { $name } [{ $role }]  ({ $total ->
    [one] { $total } mensaje
   *[other] { $total } mensajes
}, { $unread ->
    [one] { $unread } no leído
   *[other] { $unread } no leídos
})
cli-change-done = Mensaje { $id } cambiado.
cli-change-moved = Mensaje { $id } movido a { $folder }.
cli-change-deleted = Mensaje { $id } eliminado.
cli-change-queued = El cambio se ha guardado aquí y llegará al servidor en la próxima sincronización: { $reason }
cli-change-replay-failed = { $count ->
    [one] Un cambio no se pudo aplicar
   *[other] { $count } cambios no se pudieron aplicar
} en el servidor; ejecuta tidings sync para ver por qué.

## Compose (engine/compose)

compose-field-from = De
compose-field-to = Para
compose-field-cc = CC
compose-field-bcc = CCO
compose-field-subject = Asunto
compose-field-date = Fecha
compose-attribution = El { $date }, { $name } escribió:
compose-attribution-undated = { $name } escribió:
compose-forwarded-separator = -------- Mensaje reenviado --------
compose-forwarded-field = { $label }: { $value }
error-compose-line-break = El campo «{ $field }» contiene un salto de línea, que no se puede enviar.
error-compose-address = «{ $value }» en el campo «{ $field }» no es una dirección de correo.
error-compose-no-recipients = El mensaje no tiene destinatarios. Añade al menos una dirección en Para, CC o CCO.
error-compose-attachment = No se pudo leer el adjunto { $name }: { $reason }
error-compose-unreadable = No se pudo leer el mensaje: { $reason }
error-compose-build = No se pudo componer el mensaje: { $reason }

## Sending (engine/smtp)

smtp-stage-connect = al conectar
smtp-stage-auth = al iniciar sesión
smtp-stage-mail = en la dirección del remitente
smtp-stage-recipient = en los destinatarios
smtp-stage-data = antes del mensaje
smtp-stage-content = después de enviarse el mensaje
error-smtp-bad-credentials = El nombre de usuario o la contraseña contienen un salto de línea, que no se puede enviar a un servidor.
error-smtp-greeting = { $host } no aceptó la conexión: { $reply }
error-smtp-starttls-missing = { $host } no ofrece una conexión cifrada (STARTTLS), así que Tidings no inició sesión ni envió nada. Elige SSL/TLS en los ajustes de la cuenta o consulta a tu proveedor.
error-smtp-starttls-refused = { $host } se negó a cifrar la conexión (STARTTLS): { $reply }
error-smtp-auth-unavailable = { $host } no ofrece ningún método de inicio de sesión que Tidings pueda usar. El servidor dijo: { $offered }
error-smtp-auth-rejected = { $host } rechazó el nombre de usuario o la contraseña: { $reply }
error-smtp-eight-bit = { $host } no acepta mensajes con caracteres de 8 bits.
error-smtp-utf8-address = { $host } no acepta direcciones con caracteres que no sean ASCII.
error-smtp-bad-address = «{ $address }» no es una dirección a la que se pueda enviar correo.
error-smtp-recipients-refused = { $host } se negó a enviar a { $recipients }: { $reply }
error-smtp-refused = { $host } rechazó el mensaje { $stage }: { $reply }
error-smtp-protocol = { $host } envió una respuesta que Tidings no entiende: { $reason }
error-smtp-timeout = { $host } no respondió a tiempo { $stage }.
error-smtp-broken = Se cortó la conexión con { $host } { $stage }: { $reason }

## POP3

error-pop3-unsafe-credential = El dato { $field } contiene un salto de línea o un carácter NUL, que no se puede enviar de forma segura a un servidor POP3. No se envió nada.
error-pop3-stls-not-offered = { $host } no ofrece STLS, así que la conexión no se puede cifrar. Tidings no inició sesión. Elige TLS en el puerto 995 o consulta a tu proveedor.
error-pop3-stls-refused = { $host } se negó a cifrar la conexión (STLS): { $reply }. Tidings no inició sesión.
error-pop3-auth-failed = { $host } no aceptó el nombre de usuario o la contraseña: { $reply }
error-pop3-login-refused = { $host } no permite iniciar sesión por ahora: { $reply }
error-pop3-no-login-method = { $host } no ofrece ningún método de inicio de sesión que Tidings pueda usar. Si la conexión no está cifrada, puede que el servidor solo permita iniciar sesión mediante TLS.
error-pop3-timeout = { $host } dejó de responder durante { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}. No se ha perdido nada; Tidings volverá a intentarlo.
error-pop3-closed = La conexión con { $host } se cerró inesperadamente. No se ha perdido nada; Tidings volverá a intentarlo.
error-pop3-protocol = { $host } envió una respuesta que no sigue el protocolo POP3: { $detail }
error-pop3-refused = { $host } rechazó { $command }: { $reply }
error-pop3-no-uidl-leave = { $host } no sabe distinguir los mensajes entre sesiones (no tiene UIDL), así que Tidings no puede dejar el correo en el servidor sin descargarlo una y otra vez. Desactiva «dejar en el servidor» en esta cuenta.
error-pop3-store = No se pudo guardar el correo en este equipo: { $reason }. No se eliminó nada del servidor.
sync-pop3-done = { $account }: { $downloaded ->
    [one] 1 mensaje nuevo
   *[other] { $downloaded } mensajes nuevos
}, { $deleted ->
    [one] { $deleted } eliminado
   *[other] { $deleted } eliminados
} del servidor, { $left ->
    [one] { $left } conservado
   *[other] { $left } conservados
} allí.
sync-pop3-no-uidl = { $account }: el servidor no puede identificar los mensajes (no tiene UIDL). Descargar y eliminar funciona, pero el correo no se puede dejar en el servidor.

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = No hay ningún llavero disponible para guardar contraseñas ({ $reason }). Inicia el llavero de tu escritorio (el Secret Service en Linux) o indica la contraseña solo para esta ejecución con --password-stdin.
error-keyring-locked = El llavero denegó el acceso a la contraseña ({ $reason }). Desbloquéalo y vuelve a intentarlo.
error-keyring-missing = El llavero no tiene ninguna contraseña para la cuenta «{ $account }». Indícala con --password-stdin.
error-keyring-failed = Falló el llavero: { $reason }
keyring-no-store = no se ha configurado ningún llavero
keyring-bad-data = la contraseña guardada no se puede leer
keyring-ambiguous = el llavero tiene { $count ->
    [one] { $count } contraseña
   *[other] { $count } contraseñas
} para esta cuenta
error-discover-address = «{ $address }» no es una dirección de correo.
error-discover-resolver = No se pudo configurar el resolvedor DNS: { $reason }
error-discover-nothing = No se encontraron servidores de correo para { $address } ({ $tried ->
    [one] se probó { $tried } fuente
   *[other] se probaron { $tried } fuentes
}). Introduce los servidores a mano.
error-discover-missing = No se encontró ningún servidor { $kind } para { $address }. Introdúcelo a mano.
discover-warning-http = Los ajustes de { $kind } llegaron por una conexión sin cifrar ({ $url }); cualquiera en el camino podría haberlos cambiado. Revísalos antes de usarlos.
discover-warning-plaintext = El servidor { $kind } { $host } (puerto { $port }) no ofrece cifrado: tu contraseña y tu correo viajarían por la red legibles para cualquiera.
discover-warning-other-domain = El servidor { $kind } { $host } está en un dominio distinto al de tu dirección. Úsalo solo si le confías tu contraseña.
cli-arg-ispdb-url = Buscar los proveedores en esta ISPDB en lugar de en la de Thunderbird (se añade el dominio al final)
cli-arg-password-stdin-run = Leer la contraseña de la entrada estándar y usarla solo en esta ejecución
cli-runtime = No se pudo iniciar el motor: { $reason }
cli-bad-dns-server = «{ $value }» no es la dirección de un servidor DNS; indica IP:PUERTO, p. ej. 127.0.0.1:53.
cli-bad-host-port = { $what } espera HOST:PUERTO, no «{ $value }».
cli-add-needs = Indica { $flag } o usa --auto para buscar los servidores.
cli-json-failed = No se pudo escribir el resultado como JSON: { $reason }
cli-warning = Aviso: { $text }
cli-password-stdin-failed = No se pudo leer la contraseña de la entrada estándar: { $reason }
cli-password-empty = La contraseña leída de la entrada estándar está vacía.
discover-trying = Probando { $target }…
discover-provider = Proveedor: { $name }
discover-server = { $kind }: { $host }:{ $port } ({ $security }), usuario { $username } — de { $source }: { $origin }
discover-alternative = También es posible: { $server }
account-added = Se añadió la cuenta «{ $name }»: entrante { $incoming }, saliente { $outgoing }.
account-added-no-password = No se guardó ninguna contraseña para «{ $name }»; indícala con --password-stdin cuando haga falta.
account-list-empty = Todavía no hay cuentas. Añade una con «tidings account add».
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }, SMTP { $outgoing }
error-account-mail-would-be-lost = «{ $name }» es una cuenta POP3 y este equipo guarda { $messages ->
    [one] un mensaje descargado de ella, que puede ser la única copia
   *[other] { $messages } mensajes descargados de ella, que pueden ser la única copia
}. Indica qué hacer con ellos: --keep-mail o --delete-mail.
account-removed = Se eliminó la cuenta «{ $name }».
account-removed-mail-kept = Se eliminó la cuenta «{ $name }»; { $messages ->
    [one] su mensaje descargado se ha conservado
   *[other] sus { $messages } mensajes descargados se han conservado
}.
account-removed-mail-deleted = Se eliminaron la cuenta «{ $name }» y { $messages ->
    [one] su mensaje
   *[other] sus { $messages } mensajes
} en este equipo.
verify-incoming = Entrante
verify-outgoing = Saliente
verify-ok = { $what } { $server }: sesión iniciada.
verify-failed = { $what } { $server }: { $reason }

## Drafts (engine/drafts)

error-draft-io = No se pudo guardar o leer el borrador { $path }: { $reason }
error-draft-damaged = El borrador { $path } está dañado: { $reason }
error-draft-not-found = No existe el borrador { $id }.
error-draft-bad-id = «{ $id }» no es un borrador.

## Store

error-store-open = No se pudo abrir el almacén de correo de { $path }: { $reason }
error-store-too-new = El almacén de correo lo escribió una versión más reciente de Tidings. Actualiza Tidings para abrirlo; no se ha cambiado nada.
error-store-database = No se pudo leer o escribir el almacén de correo: { $reason }
error-store-file = No se pudo leer o escribir el archivo de mensaje { $path }: { $reason }
error-store-no-account = No hay correo guardado para ninguna cuenta llamada «{ $name }».
error-store-no-folder = No existe la carpeta «{ $name }».
error-store-folder-exists = Ya existe una carpeta llamada «{ $name }».
error-store-no-message = No hay ningún mensaje con el identificador { $id }.
error-store-no-body = El mensaje { $id } aún no se ha descargado. Sincroniza la cuenta para obtenerlo.
error-store-lost = Falta en el disco la copia guardada del mensaje { $id } y no se puede volver a descargar.
error-store-no-outbox = No existe la entrada { $id } en la bandeja de salida.
error-store-no-change = No existe el cambio pendiente { $id }.
error-store-change = No se pudo leer un cambio pendiente de enviar al servidor: { $reason }
error-store-query = La búsqueda «{ $query }» no es válida: { $reason }
search-problem-quote = hay unas comillas sin cerrar.
search-problem-empty = «{ $key }:» necesita un valor, p. ej. { $key }:algo.
search-problem-key = «{ $key }:» no es una palabra clave de búsqueda. Usa from:, to:, subject:, has:, is:, before:, after:, in: o account:, o pon la palabra entre comillas.
search-problem-value = «{ $key }:{ $value }» no se reconoce. Prueba con has:attachment, is:unread, is:read, is:flagged o is:answered.
search-problem-date = «{ $value }» no es una fecha. Escríbela como AAAA-MM-DD, p. ej. 2025-01-31.
search-problem-empty-query = no hay nada que buscar.
message-unreadable = (mensaje ilegible)
message-no-subject = (sin asunto)
reader-from = De
reader-to = Para
reader-cc = CC
reader-date = Fecha
reader-subject = Asunto
reader-attachments = Adjuntos
reader-not-downloaded = El texto de este mensaje aún no se ha descargado. Sincroniza la cuenta para obtenerlo.
reader-remote-blocked = { $count ->
    [one] No se cargó una imagen remota, para proteger tu privacidad.
   *[other] No se cargaron { $count } imágenes remotas, para proteger tu privacidad.
}
reader-image-remote = [imagen no cargada: { $alt }]
reader-image = [imagen: { $alt }]
cli-write-failed = No se pudo escribir la salida: { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = Tidings se detuvo mientras se enviaba este mensaje. Puede que se haya enviado; compruébalo con algún destinatario antes de volver a enviarlo.
outbox-maybe-sent = La conexión se cortó después de entregar el mensaje, así que puede que se haya enviado: { $reason } No se volverá a enviar a menos que lo pidas.
outbox-sent-copy-failed = El mensaje se envió, pero no se pudo guardar su copia para la carpeta Enviados: { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = No se pudo leer el mensaje de la entrada estándar: { $reason }
cli-send-body-file = No se pudo leer el archivo de texto { $path }: { $reason }
cli-send-busy = otro Tidings está enviando en este momento.
cli-send-sent = Enviado (entrada { $id } de la bandeja de salida).
cli-send-failed = El mensaje no se envió y sigue en la bandeja de salida como entrada { $id }: { $reason }
cli-send-maybe-sent = Entrada { $id } de la bandeja de salida: { $reason }
cli-send-queued = El mensaje no se pudo enviar ahora y espera en la bandeja de salida como entrada { $id }; se volverá a intentar: { $reason }
cli-outbox-bad-id = «{ $id }» no es un número de entrada de la bandeja de salida ni «all».
cli-outbox-empty = La bandeja de salida está vacía.
cli-outbox-left = { $count ->
    [one] Aún queda un mensaje en la bandeja de salida.
   *[other] Aún quedan { $count } mensajes en la bandeja de salida.
}
outbox-state-queued = esperando para enviarse
outbox-state-sending = enviándose
outbox-state-retry = se volverá a intentar a las { $at }: { $reason }
outbox-state-failed = no enviado: { $reason }
outbox-state-maybe-sent = puede que se haya enviado: { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account }: { $count ->
    [one] se envió un mensaje.
   *[other] se enviaron { $count } mensajes.
}
sync-smtp-problem = { $account }: la entrada { $id } de la bandeja de salida no se envió: { $reason }

## Window (src/ui)

app-opening = Abriendo tu correo…
app-broken-title = Tidings no pudo abrir tu correo
error-internal = Algo falló dentro de Tidings. Los detalles están en el registro.

## Window: setup wizard

wizard-add-title = Añadir una cuenta
wizard-name = Tu nombre
wizard-name-hint = El nombre que ven las personas a las que escribes
wizard-email = Dirección de correo
wizard-email-hint = nombre@example.com
wizard-password = Contraseña
wizard-password-hint = La contraseña de tu correo
wizard-continue = Continuar
wizard-manual = Configurar manualmente
wizard-cancel = Cancelar
wizard-back = Atrás
wizard-error-email = Escribe tu dirección de correo completa, como nombre@example.com.
wizard-error-password = Escribe tu contraseña.
wizard-error-host = Escribe el nombre del servidor { $server }.
wizard-error-port = El puerto del servidor { $server } debe ser un número del 1 al 65535.
wizard-error-security = Elige cómo se protege la conexión con el servidor { $server }.
wizard-searching = Buscando tus ajustes…
wizard-searching-for = Tidings está averiguando dónde se guarda el correo de { $email }.
wizard-nothing-found = No se encontraron ajustes para esta dirección. Introduce los servidores que te indique tu proveedor.
wizard-review-title = Los servidores de tu cuenta
wizard-found-source = De dónde vienen estos ajustes: { $source }.
wizard-other-domain = Estos servidores no están en { $domain }, sino en { $host }. Úsalos solo si sabes que tu proveedor guarda tu correo allí.
wizard-protocol-question = ¿Cómo debe recibir Tidings tu correo?
wizard-imap = IMAP (recomendado)
wizard-imap-explain = Tu correo se queda en el servidor y es el mismo en todos tus dispositivos.
wizard-pop3 = POP3
wizard-pop3-explain = Tu correo se descarga en este equipo y se elimina del servidor: útil con conexiones lentas o poco fiables, pero entonces este equipo tiene la única copia, así que haz copias de seguridad.
wizard-incoming = entrante
wizard-outgoing = saliente
wizard-incoming-imap = Correo entrante (IMAP)
wizard-incoming-pop3 = Correo entrante (POP3)
wizard-outgoing-smtp = Correo saliente (SMTP)
wizard-server-line = { $host }, puerto { $port }, { $security }
wizard-server-user = Inicia sesión como { $username }
wizard-host = Servidor
wizard-port = Puerto
wizard-security = Seguridad
wizard-username = Nombre de usuario
wizard-edit-settings = Cambiar ajustes
wizard-hide-settings = Ocultar ajustes
wizard-plain-warning = Sin cifrado, tu contraseña y tu correo viajan por la red y cualquiera en el camino puede leerlos.
wizard-sign-in = Iniciar sesión
wizard-verifying = Iniciando sesión…
wizard-saving = Guardando tu cuenta…
wizard-please-wait = Esto tarda unos segundos.
wizard-accept-certificate = Confiar en este certificado para esta cuenta
wizard-discover-source-bundled = la lista de proveedores de Tidings
wizard-discover-source-autoconfig = el archivo de configuración de tu proveedor
wizard-discover-source-ispdb = la base de datos de proveedores de Thunderbird
wizard-discover-source-mx = el servidor de correo (MX) del dominio
wizard-discover-source-srv = los registros DNS de servicio (SRV) del dominio
wizard-discover-source-guess = nombres de servidor habituales
wizard-discover-trying = Consultando { $source }: { $target }
wizard-discover-found-at = Servidores encontrados en { $target }
wizard-discover-bad-certificate = { $target }: el certificado de { $host } no es de confianza
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = Ninguna (sin cifrar)
certificate-title = El certificado de { $host }
certificate-subject = Emitido para
certificate-issuer = Emitido por
certificate-valid = Validez
certificate-valid-range = del { $from } al { $until }
certificate-fingerprint = SHA-256
certificate-advice = Confía en él solo si tu proveedor te dijo que esperaras exactamente esta huella. Si el certificado cambia más adelante, Tidings te lo volverá a preguntar.

## Window: mailbox

toolbar-compose = Redactar
toolbar-sync = Recibir
toolbar-settings = Ajustes
toolbar-help = Atajos
search-hint = Buscar: palabras, "una frase", from:anna, has:attachment, is:unread…
folder-unified = Todas las bandejas de entrada
folder-inbox = Bandeja de entrada
folder-sent = Enviados
folder-drafts = Borradores
folder-trash = Papelera
folder-junk = Correo no deseado
folder-archive = Archivo
list-loading = Cargando…
list-empty = No hay mensajes aquí.
list-no-results = Ningún mensaje coincide con esta búsqueda.
list-no-sender = (sin remitente)
list-no-subject = (sin asunto)
reading-nothing = Selecciona un mensaje para leerlo.
reading-loading = Abriendo el mensaje…
reading-not-downloaded = El texto de este mensaje aún no se ha descargado. Aparecerá aquí en cuanto lo traiga la sincronización, salvo que el mensaje sea más antiguo que los días que se guardan para leer sin conexión (consulta los Ajustes).
reading-to = Para
reading-cc = CC
reading-reply-to = Responder a
reading-unreadable = Este mensaje no se pudo leer como correo; esto es exactamente lo que se recibió.
reading-show-source = Mostrar el código fuente
reading-hide-source = Mostrar el mensaje
reading-remote-blocked = { $count ->
    [one] Una imagen de este mensaje está en internet y no se ha cargado, para que el remitente no pueda saber que lo has leído.
   *[other] { $count } imágenes de este mensaje están en internet y no se han cargado, para que el remitente no pueda saber que lo has leído.
}
reading-remote-load = Cargar contenido remoto
reading-remote-loading = Cargando contenido remoto…
reading-remote-failed = { $count ->
    [one] No se pudo cargar una imagen remota.
   *[other] No se pudieron cargar { $count } imágenes remotas.
}
reading-image = (imagen)
reading-image-remote = (imagen remota, no cargada)
reading-image-remote-named = (imagen remota «{ $alt }», no cargada)
reading-save = Guardar
reading-open = Abrir
reading-save-title = Guardar adjunto
reading-saved = Guardado como { $path }.
reading-error-file = No se pudo escribir { $path }: { $reason }
reading-error-open = No se pudo abrir { $target }: { $reason }
reading-error-link = «{ $url }» no es un enlace web ni de correo; Tidings no lo abre.
reading-error-scheme = las imágenes solo se cargan por http y https, no por { $scheme }
reading-error-too-big = la imagen ocupa más de 10 MB
action-reply = Responder
action-reply-all = Responder a todos
action-forward = Reenviar
action-mark-read = Marcar como leído
action-mark-unread = Marcar como no leído
action-flag = Marcar con bandera
action-unflag = Quitar bandera
action-archive = Archivar
action-delete = Eliminar
action-move = Mover a…

## Window: status bar

status-idle = Al día
status-sync-starting = { $account }: conectando…
status-sync-headers = { $account }: { $folder }, { $done } de { $total ->
    [one] { $total } mensaje
   *[other] { $total } mensajes
}
status-sync-bodies = { $account }: { $folder }, descargando { $done } de { $total ->
    [one] { $total } mensaje
   *[other] { $total } mensajes
} para leer sin conexión
status-sync-download = { $account }: descargando { $done } de { $total ->
    [one] { $total } mensaje
   *[other] { $total } mensajes
}
status-sync-send = { $account }: enviando { $done } de { $total }
status-sync-replay = { $account }: enviando al servidor { $done } de { $total ->
    [one] { $total } cambio
   *[other] { $total } cambios
}
status-offline = Sin conexión ({ $account }: { $reason })
status-offline-waiting = Sin conexión ({ $account }: { $reason }): { $count ->
    [one] un cambio espera y se enviará
   *[other] { $count } cambios esperan y se enviarán
} cuando vuelva la conexión
status-outbox = { $count ->
    [one] 1 mensaje en la bandeja de salida
   *[other] { $count } mensajes en la bandeja de salida
}
notify-new-mail-title = { $count ->
    [one] Mensaje nuevo
   *[other] { $count } mensajes nuevos
}
notify-new-mail-body = En { $folder } de { $account }

## Window: composer

composer-title-new = Mensaje nuevo
composer-title-reply = Responder
composer-title-forward = Reenviar
composer-from = De
composer-to = Para
composer-cc = CC
composer-bcc = CCO
composer-show-copies = Añadir CC o CCO
composer-subject = Asunto
composer-address-hint = Nombres o direcciones, separados por comas
composer-body-hint = Escribe tu mensaje
composer-attach = Adjuntar archivos
composer-attach-title = Adjuntar archivos
composer-drop-hint = o suelta archivos aquí
composer-send = Enviar
composer-close = Cerrar
composer-discard = Descartar
composer-sending = Poniendo el mensaje en la bandeja de salida…
composer-saving = Guardando borrador…
composer-saved = Borrador guardado
composer-preparing = Preparando el mensaje…
composer-error-from = Elige la cuenta desde la que enviar.
composer-error-recipients = Añade al menos un destinatario.
composer-mailto-files = El enlace pedía adjuntar { $names }. Un enlace no puede tomar archivos de este equipo, así que no se adjuntó nada.
composer-mailto-dropped = El enlace intentaba establecer { $names }. Un enlace solo puede rellenar los destinatarios, el asunto y el texto, así que eso se ha omitido.

## Window: settings

settings-title = Ajustes
settings-add-account = Añadir una cuenta
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = Tu nombre
settings-signature = Firma, añadida a los mensajes nuevos
settings-sent-copy = Guardar una copia del correo enviado en la carpeta Enviados del servidor (desactívalo en servidores que ya la guardan, como Gmail)
settings-offline-days = Días de mensajes cuyo texto se guarda para leer sin conexión (vacío: todos)
settings-poll-minutes = Minutos entre comprobaciones completas de todas las carpetas
settings-pop3-only-copy = Este equipo tiene la única copia del correo de esta cuenta, salvo que se deje en el servidor. Haz copias de seguridad.
settings-pop3-leave = Dejar una copia de los mensajes en el servidor
settings-pop3-days = Días tras los que se eliminan del servidor (vacío: nunca)
settings-pop3-delete-local = Eliminarlos del servidor cuando los elimine aquí
settings-pop3-check = Minutos entre comprobaciones de correo nuevo (vacío: solo cuando lo pida)
settings-general = General
settings-servers = Servidores y contraseña
settings-password = Nueva contraseña
settings-password-hint = Déjalo vacío para conservar la actual
settings-save = Guardar cambios
settings-saved = Guardado.
settings-error-number = «{ $field }» debe ser un número entero mayor que cero.
settings-remove = Eliminar cuenta
settings-remove-imap = ¿Eliminar { $account }? Su correo se queda en el servidor; se elimina la copia de este equipo.
settings-remove-confirm = Eliminar
settings-remove-pop3-warning = { $account } descarga el correo con POP3: el correo de este equipo puede ser la única copia. ¿Conservarlo o eliminarlo definitivamente?
settings-remove-keep-mail = Eliminar y conservar su correo aquí
settings-remove-delete-mail = Eliminar junto con su correo
settings-cancel = Cancelar
settings-removed = Se eliminó { $account }.
settings-appearance = Apariencia
settings-appearance-system = Como el sistema
settings-appearance-light = Clara
settings-appearance-dark = Oscura
settings-notifications = Avisarme cuando llegue correo nuevo
settings-language = Idioma
settings-language-system = Como el sistema

## Window: keyboard shortcuts

help-title = Atajos de teclado
help-intro = Funcionan siempre que no estés escribiendo en un campo.
shortcut-compose = Redactar un mensaje nuevo
shortcut-reply = Responder
shortcut-reply-all = Responder a todos
shortcut-forward = Reenviar
shortcut-next = Mensaje siguiente
shortcut-previous = Mensaje anterior
shortcut-delete = Eliminar el mensaje
shortcut-unread = Marcar como leído o no leído
shortcut-flag = Poner o quitar bandera
shortcut-archive = Archivar
shortcut-search = Buscar
shortcut-help = Mostrar u ocultar esta lista
shortcut-escape = Cerrar esta lista, los ajustes o el mensaje que se está redactando

## Hardening: hostile servers and messages

error-imap-preauth = { $host } inició la sesión como si ya estuvieras identificado (PREAUTH), sin cifrado ni inicio de sesión. Tidings no acepta una sesión así: puede que este no sea el servidor que configuraste.
reader-attachment-risky = { $name } ({ $size }; un archivo .{ $extension } puede ejecutar programas: ábrelo solo si confías en el remitente)
reader-warning-name-hides-address = Atención: el nombre del remitente muestra { $shown }, pero el mensaje viene de { $address }.
reader-warning-confusable-domain = Atención: { $domain } mezcla letras de distintos alfabetos y podría imitar otro dominio; se muestra como { $ascii }.
reader-warning-link-differs = Atención: un enlace muestra { $text }, pero lleva a { $target }.
reader-warning-unsafe-link = Se desactivó un enlace a { $target } porque podría ejecutar código.

## Window: reading old messages on demand

error-imap-not-on-server = Este mensaje ya no está en el servidor (se eliminó de «{ $folder }» o se movió a otro sitio), así que no se puede descargar su texto.
reading-download-pop3 = Este mensaje proviene de una cuenta POP3, que siempre descarga los mensajes completos. Su texto falta en este equipo y no se puede volver a pedir.
reading-downloading = Descargando este mensaje…
reading-download-offline = El texto de este mensaje aún no está en este equipo. Se descargará en cuanto vuelva la conexión con el servidor.
reading-download-failed = No se pudo descargar el texto de este mensaje: { $reason }
reading-download-retry = Volver a intentarlo

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = Argumento inesperado «{ $arg }».
cli-parse-unknown-subcommand = «{ $command }» no es un comando.
cli-parse-invalid-value = «{ $value }» no es un valor válido para { $arg }.
cli-parse-missing-value = { $arg } necesita un valor.
cli-parse-missing-required = { $count ->
    [one] Falta un argumento obligatorio: { $args }
   *[other] Faltan argumentos obligatorios: { $args }
}
cli-parse-missing-subcommand = Falta un comando después de «{ $command }».
cli-parse-too-many-values = «{ $value }» es un valor de más para { $arg }.
cli-parse-wrong-number = { $arg } necesita { $expected ->
    [one] { $expected } valor
   *[other] { $expected } valores
}, no { $actual }.
cli-parse-conflict = { $arg } no se puede usar junto con { $other }.
cli-parse-repeated = { $arg } solo se puede indicar una vez.
cli-parse-no-equals = { $arg } espera su valor tras «=», por ejemplo { $arg }=VALOR.
cli-parse-invalid-utf8 = Un argumento no es texto UTF-8 válido.
cli-parse-other = La línea de comandos no es válida.
cli-parse-possible-values = Valores posibles: { $values }
cli-parse-did-you-mean = ¿Querías decir «{ $suggestion }»?
cli-parse-as-value = Para pasar «{ $arg }» como valor, escribe «-- { $arg }».
cli-parse-more = Para saber más, ejecuta «{ $command } --help».

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = el disco está lleno

## password prompt
password-prompt-title = Contraseña de «{ $account }»
password-prompt-hint = Contraseña
password-prompt-remember = Guardar esta contraseña en el llavero
password-prompt-ok = Iniciar sesión
password-prompt-cancel = Ahora no
