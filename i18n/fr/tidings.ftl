## Tidings — français. Keys, order and sections follow en-US/tidings.ftl;
## a key added there is added here at the same place.

app-name = Tidings
app-title-file = { $file } — Tidings
language-name = Français

## Window: welcome

welcome-title = Bienvenue dans Tidings
welcome-body = Lisez et envoyez vos e-mails, en ligne comme hors connexion. Ajoutez votre compte de messagerie pour commencer.
welcome-add-account = Ajouter un compte

## Command line

cli-about = Tidings, un client de messagerie pour le bureau. Sans commande, il ouvre la fenêtre.
cli-help-usage = Utilisation :
cli-help-commands = Commandes :
cli-help-arguments = Arguments :
cli-help-options = Options :
cli-usage-options = OPTIONS
cli-usage-command = COMMANDE
cli-arg-help = Afficher cette aide
cli-arg-version = Afficher la version
cli-arg-profile = Conserver les paramètres, le courrier et les journaux dans ce dossier (comme TIDINGS_HOME)
cli-arg-target = Un lien mailto: auquel écrire, ou un fichier de message à lire
cli-arg-json = Afficher le résultat sous forme d'un seul document JSON
cli-arg-account = Le nom du compte
cli-arg-account-name = Le nom du compte
cli-arg-keep-mail = Comptes POP3 : conserver le courrier téléchargé sur cet ordinateur
cli-arg-delete-mail = Comptes POP3 : supprimer le courrier téléchargé, qui est peut-être la seule copie
cli-arg-email = L'adresse e-mail
cli-arg-display-name = Le nom que voient vos correspondants
cli-arg-protocol = Comment relever le courrier : imap le laisse sur le serveur, pop3 le télécharge puis l'y supprime
cli-arg-auto = Trouver les serveurs automatiquement
cli-arg-incoming = Le serveur entrant (IMAP ou POP3)
cli-arg-incoming-security = Sécurité de la connexion entrante
cli-arg-smtp = Le serveur sortant (SMTP)
cli-arg-smtp-security = Sécurité de la connexion sortante
cli-arg-username = L'identifiant de connexion, s'il diffère de l'adresse e-mail
cli-arg-ca-file = Faire aussi confiance aux autorités de certification de ce fichier PEM
cli-arg-accept-cert = Accepter le certificat du serveur ayant cette empreinte SHA-256
cli-arg-dns-server = Interroger ce serveur DNS au lieu de celui du système
cli-arg-password-stdin = Lire le mot de passe sur l'entrée standard
cli-arg-folder = Le dossier
cli-arg-limit = Afficher au plus ce nombre de messages
cli-arg-id = L'identifiant du message, tel que list et search l'affichent
cli-arg-raw-show = Afficher le message exactement tel qu'il a été reçu
cli-arg-query = Ce qu'il faut rechercher, par ex. from:anna has:attachment "rapport trimestriel"
cli-arg-to = Un destinataire
cli-arg-cc = Un destinataire en copie (Cc)
cli-arg-bcc = Un destinataire en copie cachée (Cci)
cli-arg-subject = L'objet
cli-arg-body-file = Lire le texte du message dans ce fichier
cli-arg-attach = Joindre ce fichier
cli-arg-raw-send = Envoyer un message complet lu sur l'entrée standard
cli-arg-outbox-id = L'élément de la boîte d'envoi, ou all pour tous
cli-arg-seen = Marquer comme lu
cli-arg-unseen = Marquer comme non lu
cli-arg-flagged = Marquer d'un drapeau
cli-arg-unflagged = Retirer le drapeau
cli-cmd-account = Ajouter, trouver, vérifier, lister et supprimer des comptes
cli-cmd-account-add = Ajouter un compte
cli-cmd-account-discover = Trouver les serveurs d'une adresse e-mail
cli-cmd-account-list = Lister les comptes
cli-cmd-account-verify = Se connecter aux serveurs d'un compte pour vérifier ses paramètres
cli-cmd-account-remove = Supprimer un compte
cli-cmd-sync = Envoyer ce qui attend dans la boîte d'envoi, puis relever le nouveau courrier
cli-cmd-folders = Lister les dossiers d'un compte
cli-cmd-list = Lister les messages d'un dossier
cli-cmd-show = Afficher un message
cli-cmd-search = Rechercher dans tout le courrier
cli-cmd-send = Envoyer un message
cli-cmd-outbox = Afficher ce qui attend d'être envoyé
cli-cmd-outbox-retry = Réessayer d'envoyer un élément de la boîte d'envoi
cli-cmd-flag = Marquer un message comme lu ou non lu, avec ou sans drapeau
cli-cmd-move = Déplacer un message vers un autre dossier
cli-cmd-delete = Supprimer un message
cli-not-available = « { $command } » n'est pas encore disponible dans cette version de Tidings.
cli-error-no-file = Il n'y a pas de fichier de message à « { $path } ». Indiquez un lien mailto: ou le chemin d'un fichier de message (.eml).
cli-error-mailto = Le lien mailto: « { $link } » n'est pas valide : son texte encodé en pourcentage n'est pas de l'UTF-8.

## Errors

error-window = Impossible d'ouvrir la fenêtre : { $reason }
error-profile-no-home = Aucun dossier personnel n'a été trouvé pour y conserver votre profil. Définissez TIDINGS_HOME ou utilisez --profile.
error-profile-create = Impossible de créer le dossier de profil { $path } : { $reason }
error-net-resolve = Le nom de serveur { $host } est introuvable. Vérifiez l'orthographe et votre connexion réseau.
error-net-refused = { $host } a refusé la connexion sur le port { $port }. Vérifiez le port ; le serveur est peut-être arrêté.
error-net-unreachable = Impossible de joindre { $host } sur le port { $port } : { $reason }
error-net-timeout = { $host } n'a pas répondu à temps sur le port { $port }. Vous êtes peut-être hors connexion, ou un pare-feu bloque le port.
error-net-broken = La connexion à { $host } a été interrompue : { $reason }
error-tls-handshake = Impossible d'établir une connexion sécurisée avec { $host } : { $reason }
error-tls-bad-name = « { $host } » n'est pas un nom de serveur valide pour une connexion sécurisée.
error-tls-ca-file = Impossible d'utiliser le fichier d'autorités de certification { $path } : { $reason }
error-tls-ca-file-empty = il ne contient aucun certificat
error-tls-bad-pin = « { $pin } » n'est pas une empreinte de certificat SHA-256.
error-tls-platform = Impossible d'utiliser le magasin de certificats du système : { $reason }
error-tls-certificate = Le certificat de { $host } n'est pas fiable : { $reason } Son empreinte SHA-256 est { $fingerprint }.
cert-reason-unknown-issuer = il n'est signé par aucune autorité à laquelle cet ordinateur fait confiance (il est peut-être auto-signé).
cert-reason-expired = il a expiré le { $date }.
cert-reason-not-yet-valid = il n'est valide qu'à partir du { $date }.
cert-reason-wrong-host = il appartient à un autre serveur ({ $names }).
cert-reason-revoked = il a été révoqué par son émetteur.
cert-reason-invalid = il n'est pas valide ({ $detail }).
error-account-read = Impossible de lire les paramètres du compte { $path } : { $reason }
error-account-write = Impossible d'enregistrer les paramètres du compte { $path } : { $reason }
error-account-not-found = Aucun compte ne s'appelle « { $name } ».
error-account-exists = Un compte nommé « { $name } » existe déjà.
error-account-invalid = Le paramètre de compte « { $field } » n'est pas valide : { $reason }
account-invalid-empty = il ne doit pas être vide
account-invalid-email = « { $email } » n'est pas une adresse e-mail
account-invalid-host = « { $host } » n'est pas un nom de serveur
account-invalid-port = le port doit être compris entre 1 et 65535

## Formats: dates are strftime patterns, so each language can order them its own way.

date-format-time = %H:%M
date-format-day-month = { $day ->
    [1] 1er
   *[other] %-d
} %b
date-format-date = %d/%m/%Y
date-format-full = %A { $day ->
    [1] 1er
   *[other] %-d
} %B %Y à %H:%M
date-format-attribution = %d/%m/%Y à %H:%M
date-format-long = { $day ->
    [1] 1er
   *[other] %-d
} %B %Y à %H:%M
number-decimal-separator = ,
size-bytes = { $count ->
    [one] { $count } octet
   *[other] { $count } octets
}
size-kb = { $size } Ko
size-mb = { $size } Mo
size-gb = { $size } Go

## IMAP

error-imap-starttls-missing = { $host } ne propose pas STARTTLS : aucune connexion sécurisée n'a pu être établie. Tidings s'est arrêté avant d'envoyer votre mot de passe. Choisissez TLS (port 993) ou renseignez-vous auprès de votre fournisseur.
error-imap-starttls-refused = { $host } a refusé d'établir une connexion sécurisée (STARTTLS) : { $text } Tidings s'est arrêté avant d'envoyer votre mot de passe.
error-imap-auth = { $host } n'a pas accepté votre identifiant ou votre mot de passe : { $text }
error-imap-no-auth-method = { $host } ne propose aucune méthode de connexion que Tidings puisse utiliser en toute sécurité (méthodes proposées : { $offered }).
error-imap-greeting = { $host } n'a pas répondu comme un serveur de messagerie IMAP : { $text }
error-imap-refused = { $host } a refusé la commande { $command } : { $text }
error-imap-rejected = { $host } a rejeté la commande { $command } comme non valide : { $text }
error-imap-protocol = { $host } a envoyé une réponse que Tidings ne comprend pas : { $detail }
error-imap-closed = { $host } a fermé la connexion.
error-imap-closed-text = { $host } a fermé la connexion : { $text }
error-imap-timeout = { $host } ne répond plus. Vous êtes peut-être hors connexion, ou le serveur est surchargé.
error-imap-unsafe-input = La valeur « { $value } » ({ $what }) contient un caractère interdit ({ $character }).
error-imap-bad-folder-name = { $host } a envoyé un nom de dossier non valide : « { $name } ».
error-imap-unsupported = { $host } ne prend pas en charge { $capability }, qui est nécessaire ici.
error-imap-not-imap = Le compte « { $account } » n'utilise pas IMAP.
imap-change-failed = Une modification n'a pas pu être appliquée sur le serveur : { $reason }
imap-change-failed-uidvalidity = Le dossier « { $folder } » a été reconstruit sur le serveur : une modification faite ici ne peut plus y être appliquée. Le dossier est de nouveau téléchargé.
imap-change-folder-missing = Le dossier « { $folder } » n'est pas disponible sur le serveur : { $text }
imap-change-conflict = { $total ->
    [one] Le message de « { $folder } » n'est plus sur le serveur (supprimé ou déplacé ailleurs).
   *[other] { $count ->
        [one] { $count } message sur { $total } dans « { $folder } » n'est plus sur le serveur (supprimé ou déplacé ailleurs) ; la modification a été appliquée aux autres.
       *[other] { $count } messages sur { $total } dans « { $folder } » ne sont plus sur le serveur (supprimés ou déplacés ailleurs) ; la modification a été appliquée aux autres.
    }
} Votre copie locale est conservée.
imap-unfetched-body = Le message « { $subject } » dans « { $folder } » n'a pas pu être téléchargé : le serveur ne l'a pas envoyé ({ $reason }). Il reste dans la liste, et Tidings réessaiera à la prochaine synchronisation.
imap-unfetched-message = Un message de « { $folder } » (numéro { $uid } sur le serveur) n'a pas pu être téléchargé : le serveur ne l'a pas envoyé ({ $reason }). Tidings réessaiera à la prochaine synchronisation.
error-action-folder-name = Le nom de dossier « { $name } » ne peut pas être utilisé : { $reason }
error-action-no-folder = Ce compte n'a pas de dossier « { $name } ».
error-action-no-messages = Aucun message n'a été sélectionné.
folder-name-empty = il est vide.
folder-name-control = il contient un caractère de contrôle ({ $character }).
folder-name-empty-level = l'un de ses niveaux entre « { $delimiter } » est vide.
folder-name-inbox = INBOX est le nom de la boîte de réception.
cli-sync-account-failed = Échec de la synchronisation de { $account } : { $reason }
cli-sync-done = { $account } : synchronisé.
cli-sync-imap-summary = { $account } : { $folders ->
    [one] { $folders } dossier
   *[other] { $folders } dossiers
}, { $new ->
    [one] { $new } nouveau
   *[other] { $new } nouveaux
}, { $removed ->
    [one] { $removed } supprimé
   *[other] { $removed } supprimés
}, { $flags ->
    [one] { $flags } modifié sur le serveur
   *[other] { $flags } modifiés sur le serveur
}, { $bodies ->
    [one] { $bodies } téléchargé
   *[other] { $bodies } téléchargés
} ; { $replayed ->
    [one] { $replayed } modification hors connexion envoyée
   *[other] { $replayed } modifications hors connexion envoyées
}{ $failed ->
    [0] {""}
   *[other] , { $failed } en échec
}.
cli-folder-line = { $name }  ({ $total ->
    [one] { $total } message
   *[other] { $total } messages
}, { $unread ->
    [one] { $unread } non lu
   *[other] { $unread } non lus
})
cli-folder-line-role = { $name } [{ $role }]  ({ $total ->
    [one] { $total } message
   *[other] { $total } messages
}, { $unread ->
    [one] { $unread } non lu
   *[other] { $unread } non lus
})
cli-change-done = Message { $id } modifié.
cli-change-moved = Message { $id } déplacé vers { $folder }.
cli-change-deleted = Message { $id } supprimé.
cli-change-queued = La modification est enregistrée ici et sera transmise au serveur à la prochaine synchronisation : { $reason }
cli-change-replay-failed = { $count ->
    [one] { $count } modification n'a pas pu être appliquée
   *[other] { $count } modifications n'ont pas pu être appliquées
} sur le serveur ; lancez tidings sync pour savoir pourquoi.

## Compose (engine/compose)

compose-field-from = De
compose-field-to = À
compose-field-cc = Cc
compose-field-bcc = Cci
compose-field-subject = Objet
compose-field-date = Date
compose-attribution = Le { $date }, { $name } a écrit :
compose-attribution-undated = { $name } a écrit :
compose-forwarded-separator = -------- Message transféré --------
compose-forwarded-field = { $label } : { $value }
error-compose-line-break = Le champ « { $field } » contient un saut de ligne, qui ne peut pas être envoyé.
error-compose-address = « { $value } » dans le champ « { $field } » n'est pas une adresse e-mail.
error-compose-no-recipients = Le message n'a aucun destinataire. Ajoutez au moins une adresse dans À, Cc ou Cci.
error-compose-attachment = Impossible de lire la pièce jointe { $name } : { $reason }
error-compose-unreadable = Impossible de lire le message : { $reason }
error-compose-build = Impossible de composer le message : { $reason }

## Sending (engine/smtp)

smtp-stage-connect = pendant la connexion
smtp-stage-auth = pendant l'identification
smtp-stage-mail = à l'adresse de l'expéditeur
smtp-stage-recipient = aux destinataires
smtp-stage-data = avant le message
smtp-stage-content = après l'envoi du message
error-smtp-bad-credentials = L'identifiant ou le mot de passe contient un saut de ligne, qui ne peut pas être envoyé à un serveur.
error-smtp-greeting = { $host } n'a pas accepté la connexion : { $reply }
error-smtp-starttls-missing = { $host } ne propose pas de connexion chiffrée (STARTTLS) : Tidings ne s'est pas connecté et n'a rien envoyé. Choisissez SSL/TLS dans les paramètres du compte ou renseignez-vous auprès de votre fournisseur.
error-smtp-starttls-refused = { $host } a refusé de chiffrer la connexion (STARTTLS) : { $reply }
error-smtp-auth-unavailable = { $host } ne propose aucune méthode de connexion utilisable par Tidings. Le serveur a indiqué : { $offered }
error-smtp-auth-rejected = { $host } a refusé l'identifiant ou le mot de passe : { $reply }
error-smtp-eight-bit = { $host } n'accepte pas les messages contenant des caractères 8 bits.
error-smtp-utf8-address = { $host } n'accepte pas les adresses contenant des caractères non ASCII.
error-smtp-bad-address = « { $address } » n'est pas une adresse à laquelle on peut envoyer du courrier.
error-smtp-recipients-refused = { $host } a refusé l'envoi à { $recipients } : { $reply }
error-smtp-refused = { $host } a refusé le message { $stage } : { $reply }
error-smtp-protocol = { $host } a envoyé une réponse que Tidings ne comprend pas : { $reason }
error-smtp-timeout = { $host } n'a pas répondu à temps { $stage }.
error-smtp-broken = La connexion à { $host } a été interrompue { $stage } : { $reason }

## POP3

error-pop3-unsafe-credential = La valeur { $field } contient un saut de ligne ou un caractère NUL, qui ne peut pas être envoyé sans risque à un serveur POP3. Rien n'a été envoyé.
error-pop3-stls-not-offered = { $host } ne propose pas STLS : la connexion ne peut pas être chiffrée. Tidings ne s'est pas connecté. Choisissez TLS sur le port 995 ou renseignez-vous auprès de votre fournisseur.
error-pop3-stls-refused = { $host } a refusé de chiffrer la connexion (STLS) : { $reply }. Tidings ne s'est pas connecté.
error-pop3-auth-failed = { $host } n'a pas accepté l'identifiant ou le mot de passe : { $reply }
error-pop3-login-refused = { $host } refuse la connexion pour le moment : { $reply }
error-pop3-no-login-method = { $host } ne propose aucune méthode de connexion utilisable par Tidings. Si la connexion n'est pas chiffrée, le serveur n'autorise peut-être la connexion qu'en TLS.
error-pop3-timeout = { $host } ne répond plus depuis { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}. Rien n'a été perdu ; Tidings réessaiera.
error-pop3-closed = La connexion à { $host } s'est fermée de façon inattendue. Rien n'a été perdu ; Tidings réessaiera.
error-pop3-protocol = { $host } a envoyé une réponse non conforme à POP3 : { $detail }
error-pop3-refused = { $host } a refusé { $command } : { $reply }
error-pop3-no-uidl-leave = { $host } ne sait pas distinguer les messages d'une session à l'autre (il ne gère pas UIDL) : Tidings ne peut donc pas laisser le courrier sur le serveur sans le télécharger encore et encore. Désactivez « laisser sur le serveur » pour ce compte.
error-pop3-store = Impossible d'enregistrer le courrier sur cet ordinateur : { $reason }. Rien n'a été supprimé sur le serveur.
sync-pop3-done = { $account } : { $downloaded ->
    [one] { $downloaded } nouveau message
   *[other] { $downloaded } nouveaux messages
}, { $deleted ->
    [one] { $deleted } supprimé
   *[other] { $deleted } supprimés
} sur le serveur, { $left ->
    [one] { $left } laissé
   *[other] { $left } laissés
} dessus.
sync-pop3-no-uidl = { $account } : le serveur ne sait pas identifier les messages (pas d'UIDL). Le téléchargement avec suppression fonctionne, mais le courrier ne peut pas être laissé sur le serveur.

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = Aucun trousseau n'est disponible pour conserver les mots de passe ({ $reason }). Lancez le trousseau de votre bureau (le Secret Service sous Linux), ou indiquez le mot de passe pour cette exécution seulement avec --password-stdin.
error-keyring-locked = Le trousseau a refusé l'accès au mot de passe ({ $reason }). Déverrouillez-le et réessayez.
error-keyring-missing = Le trousseau ne contient aucun mot de passe pour le compte « { $account } ». Indiquez-le avec --password-stdin.
error-keyring-failed = Le trousseau a échoué : { $reason }
keyring-no-store = aucun trousseau n'a été configuré
keyring-bad-data = le mot de passe enregistré est illisible
keyring-ambiguous = le trousseau contient { $count ->
    [one] { $count } mot de passe
   *[other] { $count } mots de passe
} pour ce compte
error-discover-address = « { $address } » n'est pas une adresse e-mail.
error-discover-resolver = Impossible de configurer le résolveur DNS : { $reason }
error-discover-nothing = Aucun serveur de messagerie n'a été trouvé pour { $address } ({ $tried ->
    [one] { $tried } source essayée
   *[other] { $tried } sources essayées
}). Saisissez les serveurs manuellement.
error-discover-missing = Aucun serveur { $kind } n'a été trouvé pour { $address }. Saisissez-le manuellement.
discover-warning-http = Les paramètres { $kind } sont arrivés par une connexion non chiffrée ({ $url }) ; n'importe qui sur le trajet a pu les modifier. Vérifiez-les avant de les utiliser.
discover-warning-plaintext = Le serveur { $kind } { $host } (port { $port }) ne propose aucun chiffrement : votre mot de passe et votre courrier circuleraient sur le réseau lisibles par tous.
discover-warning-other-domain = Le serveur { $kind } { $host } se trouve sur un autre domaine que votre adresse. Ne l'utilisez que si vous lui confiez votre mot de passe.
cli-arg-ispdb-url = Chercher les fournisseurs dans cette ISPDB au lieu de celle de Thunderbird (le domaine est ajouté à la fin)
cli-arg-password-stdin-run = Lire le mot de passe sur l'entrée standard et ne l'utiliser que pour cette exécution
cli-runtime = Le moteur n'a pas pu démarrer : { $reason }
cli-bad-dns-server = « { $value } » n'est pas une adresse de serveur DNS ; indiquez IP:PORT, par ex. 127.0.0.1:53.
cli-bad-host-port = { $what } attend HÔTE:PORT, pas « { $value } ».
cli-add-needs = Indiquez { $flag }, ou utilisez --auto pour trouver les serveurs.
cli-json-failed = Impossible d'écrire le résultat en JSON : { $reason }
cli-warning = Avertissement : { $text }
cli-password-stdin-failed = Impossible de lire le mot de passe sur l'entrée standard : { $reason }
cli-password-empty = Le mot de passe lu sur l'entrée standard est vide.
discover-trying = Essai de { $target }…
discover-provider = Fournisseur : { $name }
discover-server = { $kind } : { $host }:{ $port } ({ $security }), utilisateur { $username } — d'après { $source } : { $origin }
discover-alternative = Également possible : { $server }
account-added = Compte « { $name } » ajouté : entrant { $incoming }, sortant { $outgoing }.
account-added-no-password = Aucun mot de passe n'a été enregistré pour « { $name } » ; indiquez-le avec --password-stdin si nécessaire.
account-list-empty = Il n'y a encore aucun compte. Ajoutez-en un avec « tidings account add ».
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }, SMTP { $outgoing }
error-account-mail-would-be-lost = « { $name } » est un compte POP3 et cet ordinateur en conserve { $messages ->
    [one] { $messages } message téléchargé, qui est peut-être la seule copie
   *[other] { $messages } messages téléchargés, qui sont peut-être la seule copie
}. Indiquez ce qu'il faut en faire : --keep-mail ou --delete-mail.
account-removed = Compte « { $name } » supprimé.
account-removed-mail-kept = Compte « { $name } » supprimé ; { $messages ->
    [one] son message téléchargé a été conservé
   *[other] ses { $messages } messages téléchargés ont été conservés
}.
account-removed-mail-deleted = Compte « { $name } » supprimé, ainsi que { $messages ->
    [one] son message
   *[other] ses { $messages } messages
} sur cet ordinateur.
verify-incoming = Serveur entrant
verify-outgoing = Serveur sortant
verify-ok = { $what } { $server } : connecté.
verify-failed = { $what } { $server } : { $reason }

## Drafts (engine/drafts)

error-draft-io = Impossible d'enregistrer ou de lire le brouillon { $path } : { $reason }
error-draft-damaged = Le brouillon { $path } est endommagé : { $reason }
error-draft-not-found = Il n'y a pas de brouillon { $id }.
error-draft-bad-id = « { $id } » n'est pas un brouillon.

## Store

error-store-open = Impossible d'ouvrir le stockage du courrier dans { $path } : { $reason }
error-store-too-new = Le stockage du courrier a été écrit par une version plus récente de Tidings. Mettez Tidings à jour pour l'ouvrir ; rien n'a été modifié.
error-store-database = Impossible de lire ou d'écrire le stockage du courrier : { $reason }
error-store-file = Impossible de lire ou d'écrire le fichier de message { $path } : { $reason }
error-store-no-account = Aucun courrier n'est enregistré pour un compte nommé « { $name } ».
error-store-no-folder = Il n'y a pas de dossier « { $name } ».
error-store-folder-exists = Un dossier nommé « { $name } » existe déjà.
error-store-no-message = Il n'y a aucun message ayant l'identifiant { $id }.
error-store-no-body = Le message { $id } n'a pas encore été téléchargé. Synchronisez le compte pour le récupérer.
error-store-lost = La copie enregistrée du message { $id } a disparu du disque et ne peut pas être téléchargée à nouveau.
error-store-no-outbox = Il n'y a pas d'élément { $id } dans la boîte d'envoi.
error-store-no-change = Il n'y a pas de modification en attente { $id }.
error-store-change = Une modification en attente d'envoi au serveur n'a pas pu être lue : { $reason }
error-store-query = La recherche « { $query } » n'est pas valide : { $reason }
search-problem-quote = un guillemet n'est pas fermé.
search-problem-empty = « { $key }: » nécessite une valeur, par ex. { $key }:quelquechose.
search-problem-key = « { $key }: » n'est pas un mot-clé de recherche. Utilisez from:, to:, subject:, has:, is:, before:, after:, in: ou account:, ou mettez le mot entre guillemets.
search-problem-value = « { $key }:{ $value } » est inconnu. Essayez has:attachment, is:unread, is:read, is:flagged ou is:answered.
search-problem-date = « { $value } » n'est pas une date. Écrivez-la sous la forme AAAA-MM-JJ, par ex. 2025-01-31.
search-problem-empty-query = il n'y a rien à rechercher.
message-unreadable = (message illisible)
message-no-subject = (sans objet)
reader-from = De
reader-to = À
reader-cc = Cc
reader-date = Date
reader-subject = Objet
reader-attachments = Pièces jointes
reader-not-downloaded = Le texte de ce message n'a pas encore été téléchargé. Synchronisez le compte pour le récupérer.
reader-remote-blocked = { $count ->
    [one] { $count } image distante n'a pas été chargée, pour protéger votre vie privée.
   *[other] { $count } images distantes n'ont pas été chargées, pour protéger votre vie privée.
}
reader-image-remote = [image non chargée : { $alt }]
reader-image = [image : { $alt }]
cli-write-failed = Impossible d'écrire la sortie : { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = Tidings s'est arrêté pendant l'envoi de ce message. Il a peut-être été envoyé ; vérifiez auprès d'un destinataire avant de le renvoyer.
outbox-maybe-sent = La connexion a été interrompue après la remise du message, il a donc peut-être été envoyé : { $reason } Il ne sera pas renvoyé sauf si vous le demandez.
outbox-sent-copy-failed = Le message a été envoyé, mais sa copie pour le dossier Envoyés n'a pas pu être enregistrée : { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = Impossible de lire le message sur l'entrée standard : { $reason }
cli-send-body-file = Impossible de lire le fichier texte { $path } : { $reason }
cli-send-busy = une autre instance de Tidings est en train d'envoyer.
cli-send-sent = Envoyé (élément { $id } de la boîte d'envoi).
cli-send-failed = Le message n'a pas été envoyé et reste dans la boîte d'envoi en tant qu'élément { $id } : { $reason }
cli-send-maybe-sent = Élément { $id } de la boîte d'envoi : { $reason }
cli-send-queued = Le message n'a pas pu être envoyé maintenant et attend dans la boîte d'envoi en tant qu'élément { $id } ; il sera renvoyé plus tard : { $reason }
cli-outbox-bad-id = « { $id } » n'est ni un numéro d'élément de la boîte d'envoi ni « all ».
cli-outbox-empty = La boîte d'envoi est vide.
cli-outbox-left = { $count ->
    [one] { $count } message est encore dans la boîte d'envoi.
   *[other] { $count } messages sont encore dans la boîte d'envoi.
}
outbox-state-queued = en attente d'envoi
outbox-state-sending = en cours d'envoi
outbox-state-retry = nouvel essai à { $at } : { $reason }
outbox-state-failed = non envoyé : { $reason }
outbox-state-maybe-sent = peut-être envoyé : { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account } : { $count ->
    [one] { $count } message envoyé.
   *[other] { $count } messages envoyés.
}
sync-smtp-problem = { $account } : l'élément { $id } de la boîte d'envoi n'a pas été envoyé : { $reason }

## Window (src/ui)

app-opening = Ouverture de votre courrier…
app-broken-title = Tidings n'a pas pu ouvrir votre courrier
error-internal = Une erreur interne s'est produite dans Tidings. Les détails figurent dans le journal.

## Window: setup wizard

wizard-add-title = Ajouter un compte
wizard-name = Votre nom
wizard-name-hint = Le nom que voient vos correspondants
wizard-email = Adresse e-mail
wizard-email-hint = nom@example.com
wizard-password = Mot de passe
wizard-password-hint = Le mot de passe de votre messagerie
wizard-continue = Continuer
wizard-manual = Configuration manuelle
wizard-cancel = Annuler
wizard-back = Retour
wizard-error-email = Saisissez votre adresse e-mail complète, par ex. nom@example.com.
wizard-error-password = Saisissez votre mot de passe.
wizard-error-host = Saisissez le nom du serveur { $server }.
wizard-error-port = Le port du serveur { $server } doit être un nombre compris entre 1 et 65535.
wizard-error-security = Choisissez comment sécuriser la connexion au serveur { $server }.
wizard-searching = Recherche de vos paramètres…
wizard-searching-for = Tidings cherche où est conservé le courrier de { $email }.
wizard-nothing-found = Aucun paramètre n'a été trouvé pour cette adresse. Saisissez les serveurs indiqués par votre fournisseur.
wizard-review-title = Les serveurs de votre compte
wizard-found-source = Origine de ces paramètres : { $source }.
wizard-other-domain = Ces serveurs ne sont pas sur { $domain } mais sur { $host }. Ne les utilisez que si vous savez que votre fournisseur y conserve votre courrier.
wizard-protocol-question = Comment Tidings doit-il relever votre courrier ?
wizard-imap = IMAP (recommandé)
wizard-imap-explain = Votre courrier reste sur le serveur et reste identique sur tous vos appareils.
wizard-pop3 = POP3
wizard-pop3-explain = Votre courrier est téléchargé sur cet ordinateur et supprimé du serveur — pratique avec une connexion lente ou instable, mais cet ordinateur détient alors la seule copie : pensez à la sauvegarder.
wizard-incoming = entrant
wizard-outgoing = sortant
wizard-incoming-imap = Courrier entrant (IMAP)
wizard-incoming-pop3 = Courrier entrant (POP3)
wizard-outgoing-smtp = Courrier sortant (SMTP)
wizard-server-line = { $host }, port { $port }, { $security }
wizard-server-user = Se connecte en tant que { $username }
wizard-host = Serveur
wizard-port = Port
wizard-security = Sécurité
wizard-username = Identifiant
wizard-edit-settings = Modifier les paramètres
wizard-hide-settings = Masquer les paramètres
wizard-plain-warning = Sans chiffrement, votre mot de passe et votre courrier circulent sur le réseau lisibles par n'importe qui sur le trajet.
wizard-sign-in = Se connecter
wizard-verifying = Connexion…
wizard-saving = Enregistrement de votre compte…
wizard-please-wait = Cela prend quelques secondes.
wizard-accept-certificate = Faire confiance à ce certificat pour ce compte
wizard-discover-source-bundled = la liste de fournisseurs de Tidings
wizard-discover-source-autoconfig = le fichier de configuration de votre fournisseur
wizard-discover-source-ispdb = la base de fournisseurs de Thunderbird
wizard-discover-source-mx = le serveur de messagerie (MX) du domaine
wizard-discover-source-srv = les enregistrements DNS de service (SRV) du domaine
wizard-discover-source-guess = des noms de serveur courants
wizard-discover-trying = Interrogation de { $source } : { $target }
wizard-discover-found-at = Serveurs trouvés à { $target }
wizard-discover-bad-certificate = { $target } : le certificat de { $host } n'est pas fiable
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = Aucune (non chiffré)
certificate-title = Le certificat de { $host }
certificate-subject = Délivré à
certificate-issuer = Délivré par
certificate-valid = Validité
certificate-valid-range = du { $from } au { $until }
certificate-fingerprint = SHA-256
certificate-advice = Ne lui faites confiance que si votre fournisseur vous a indiqué cette empreinte exacte. Si le certificat change plus tard, Tidings vous redemandera.

## Window: mailbox

toolbar-compose = Écrire
toolbar-sync = Relever
toolbar-settings = Paramètres
toolbar-help = Raccourcis
search-hint = Rechercher : mots, "une expression", from:anna, has:attachment, is:unread…
folder-unified = Toutes les boîtes de réception
folder-inbox = Boîte de réception
folder-sent = Envoyés
folder-drafts = Brouillons
folder-trash = Corbeille
folder-junk = Indésirables
folder-archive = Archives
list-loading = Chargement…
list-empty = Aucun message ici.
list-no-results = Aucun message ne correspond à cette recherche.
list-no-sender = (sans expéditeur)
list-no-subject = (sans objet)
reading-nothing = Sélectionnez un message pour le lire.
reading-loading = Ouverture du message…
reading-not-downloaded = Le texte de ce message n'a pas encore été téléchargé. Il s'affichera ici dès que la synchronisation l'aura récupéré, sauf si le message est plus ancien que le nombre de jours conservés pour la lecture hors connexion (voir Paramètres).
reading-to = À
reading-cc = Cc
reading-reply-to = Répondre à
reading-unreadable = Ce message n'a pas pu être lu comme un e-mail ; voici exactement ce qui a été reçu.
reading-show-source = Afficher la source
reading-hide-source = Afficher le message
reading-remote-blocked = { $count ->
    [one] { $count } image de ce message se trouve sur Internet et n'a pas été chargée, pour que l'expéditeur ne puisse pas savoir que vous l'avez lu.
   *[other] { $count } images de ce message se trouvent sur Internet et n'ont pas été chargées, pour que l'expéditeur ne puisse pas savoir que vous l'avez lu.
}
reading-remote-load = Charger le contenu distant
reading-remote-loading = Chargement du contenu distant…
reading-remote-failed = { $count ->
    [one] { $count } image distante n'a pas pu être chargée.
   *[other] { $count } images distantes n'ont pas pu être chargées.
}
reading-image = (image)
reading-image-remote = (image distante, non chargée)
reading-image-remote-named = (image distante « { $alt } », non chargée)
reading-save = Enregistrer
reading-open = Ouvrir
reading-save-title = Enregistrer la pièce jointe
reading-saved = Enregistré sous { $path }.
reading-error-file = Impossible d'écrire { $path } : { $reason }
reading-error-open = Impossible d'ouvrir { $target } : { $reason }
reading-error-link = « { $url } » n'est pas un lien web ou de messagerie ; Tidings ne l'ouvre pas.
reading-error-scheme = les images ne sont chargées qu'en http et https, pas en { $scheme }
reading-error-too-big = l'image dépasse 10 Mo
action-reply = Répondre
action-reply-all = Répondre à tous
action-forward = Transférer
action-mark-read = Marquer comme lu
action-mark-unread = Marquer comme non lu
action-flag = Marquer d'un drapeau
action-unflag = Retirer le drapeau
action-archive = Archiver
action-delete = Supprimer
action-move = Déplacer vers…

## Window: status bar

status-idle = À jour
status-sync-starting = { $account } : connexion…
status-sync-headers = { $account } : { $folder }, { $done } sur { $total ->
    [one] { $total } message
   *[other] { $total } messages
}
status-sync-bodies = { $account } : { $folder }, téléchargement de { $done } sur { $total ->
    [one] { $total } message
   *[other] { $total } messages
} pour la lecture hors connexion
status-sync-download = { $account } : téléchargement de { $done } sur { $total ->
    [one] { $total } message
   *[other] { $total } messages
}
status-sync-send = { $account } : envoi de { $done } sur { $total }
status-sync-replay = { $account } : envoi au serveur de { $done } sur { $total ->
    [one] { $total } modification
   *[other] { $total } modifications
}
status-offline = Hors connexion ({ $account } : { $reason })
status-offline-waiting = Hors connexion ({ $account } : { $reason }) — { $count ->
    [one] { $count } modification attend et partira
   *[other] { $count } modifications attendent et partiront
} au retour de la connexion
status-outbox = { $count ->
    [one] { $count } message dans la boîte d'envoi
   *[other] { $count } messages dans la boîte d'envoi
}
notify-new-mail-title = { $count ->
    [one] Nouveau message
   *[other] { $count } nouveaux messages
}
notify-new-mail-body = Dans { $folder } de { $account }

## Window: composer

composer-title-new = Nouveau message
composer-title-reply = Répondre
composer-title-forward = Transférer
composer-from = De
composer-to = À
composer-cc = Cc
composer-bcc = Cci
composer-show-copies = Ajouter Cc ou Cci
composer-subject = Objet
composer-address-hint = Noms ou adresses, séparés par des virgules
composer-body-hint = Rédigez votre message
composer-attach = Joindre des fichiers
composer-attach-title = Joindre des fichiers
composer-drop-hint = ou déposez des fichiers ici
composer-send = Envoyer
composer-close = Fermer
composer-discard = Abandonner
composer-sending = Placement du message dans la boîte d'envoi…
composer-saving = Enregistrement du brouillon…
composer-saved = Brouillon enregistré
composer-preparing = Préparation du message…
composer-error-from = Choisissez le compte d'envoi.
composer-error-recipients = Ajoutez au moins un destinataire.
composer-mailto-files = Le lien demandait de joindre { $names }. Un lien ne peut pas prendre de fichiers sur cet ordinateur : rien n'a été joint.
composer-mailto-dropped = Le lien essayait de définir { $names }. Un lien ne peut remplir que les destinataires, l'objet et le texte : cela a été ignoré.

## Window: settings

settings-title = Paramètres
settings-add-account = Ajouter un compte
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = Votre nom
settings-signature = Signature, ajoutée aux nouveaux messages
settings-sent-copy = Conserver une copie du courrier envoyé dans le dossier Envoyés du serveur (à désactiver pour les serveurs qui le font eux-mêmes, comme Gmail)
settings-offline-days = Nombre de jours de messages dont le texte est conservé pour la lecture hors connexion (vide : tous)
settings-poll-minutes = Minutes entre deux vérifications complètes de tous les dossiers
settings-pop3-only-copy = Cet ordinateur détient la seule copie du courrier de ce compte, sauf s'il est laissé sur le serveur. Pensez à le sauvegarder.
settings-pop3-leave = Laisser une copie des messages sur le serveur
settings-pop3-days = Nombre de jours après lequel ils sont supprimés du serveur (vide : jamais)
settings-pop3-delete-local = Les supprimer du serveur quand je les supprime ici
settings-pop3-check = Minutes entre deux relèves du courrier (vide : seulement sur demande)
settings-general = Général
settings-servers = Serveurs et mot de passe
settings-password = Nouveau mot de passe
settings-password-hint = Laisser vide pour garder le mot de passe actuel
settings-save = Enregistrer les modifications
settings-saved = Enregistré.
settings-error-number = « { $field } » doit être un nombre entier supérieur à zéro.
settings-remove = Supprimer le compte
settings-remove-imap = Supprimer { $account } ? Son courrier reste sur le serveur ; la copie sur cet ordinateur est supprimée.
settings-remove-confirm = Supprimer
settings-remove-pop3-warning = { $account } relève le courrier en POP3 : le courrier sur cet ordinateur est peut-être la seule copie. Le conserver, ou le supprimer définitivement ?
settings-remove-keep-mail = Supprimer, garder son courrier ici
settings-remove-delete-mail = Supprimer, avec son courrier
settings-cancel = Annuler
settings-removed = { $account } a été supprimé.
settings-appearance = Apparence
settings-appearance-system = Comme le système
settings-appearance-light = Clair
settings-appearance-dark = Sombre
settings-notifications = M'avertir à l'arrivée de nouveaux messages
settings-language = Langue
settings-language-system = Comme le système

## Window: keyboard shortcuts

help-title = Raccourcis clavier
help-intro = Ils fonctionnent tant que vous n'êtes pas en train de saisir du texte dans un champ.
shortcut-compose = Écrire un nouveau message
shortcut-reply = Répondre
shortcut-reply-all = Répondre à tous
shortcut-forward = Transférer
shortcut-next = Message suivant
shortcut-previous = Message précédent
shortcut-delete = Supprimer le message
shortcut-unread = Marquer comme lu ou non lu
shortcut-flag = Ajouter ou retirer le drapeau
shortcut-archive = Archiver
shortcut-search = Rechercher
shortcut-help = Afficher ou masquer cette liste
shortcut-escape = Fermer cette liste, les paramètres ou le message en cours de rédaction

## Hardening: hostile servers and messages

error-imap-preauth = { $host } a ouvert la session comme si vous étiez déjà connecté (PREAUTH), sans chiffrement ni identification. Tidings refuse une telle session : ce n'est peut-être pas le serveur que vous avez configuré.
reader-attachment-risky = { $name } ({ $size } ; un fichier .{ $extension } peut lancer des programmes : ne l'ouvrez que si vous faites confiance à l'expéditeur)
reader-warning-name-hides-address = Attention : le nom de l'expéditeur affiche { $shown }, mais le message provient de { $address }.
reader-warning-confusable-domain = Attention : { $domain } mélange des lettres de plusieurs alphabets et peut imiter un autre domaine ; il est affiché sous la forme { $ascii }.
reader-warning-link-differs = Attention : un lien affiche { $text } mais mène à { $target }.
reader-warning-unsafe-link = Un lien vers { $target } a été désactivé : il pourrait exécuter du code.

## Window: reading old messages on demand

error-imap-not-on-server = Ce message n'est plus sur le serveur (il a été supprimé de « { $folder } » ou déplacé ailleurs) : son texte ne peut donc pas être téléchargé.
reading-download-pop3 = Ce message provient d'un compte POP3, qui télécharge toujours les messages en entier. Son texte manque sur cet ordinateur et ne peut pas être redemandé.
reading-downloading = Téléchargement du message…
reading-download-offline = Le texte de ce message n'est pas encore sur cet ordinateur. Il sera téléchargé dès que la connexion au serveur sera rétablie.
reading-download-failed = Le texte de ce message n'a pas pu être téléchargé : { $reason }
reading-download-retry = Réessayer

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = Argument inattendu « { $arg } ».
cli-parse-unknown-subcommand = « { $command } » n'est pas une commande.
cli-parse-invalid-value = « { $value } » n'est pas une valeur valide pour { $arg }.
cli-parse-missing-value = { $arg } demande une valeur.
cli-parse-missing-required = { $count ->
    [one] Il manque un argument obligatoire : { $args }
   *[other] Il manque des arguments obligatoires : { $args }
}
cli-parse-missing-subcommand = Il manque une commande après « { $command } ».
cli-parse-too-many-values = « { $value } » est une valeur de trop pour { $arg }.
cli-parse-wrong-number = { $arg } demande { $expected ->
    [one] { $expected } valeur
   *[other] { $expected } valeurs
}, pas { $actual }.
cli-parse-conflict = { $arg } ne peut pas être utilisé avec { $other }.
cli-parse-repeated = { $arg } ne peut être indiqué qu'une fois.
cli-parse-no-equals = { $arg } attend sa valeur après « = », par exemple { $arg }=VALEUR.
cli-parse-invalid-utf8 = Un argument n'est pas du texte UTF-8 valide.
cli-parse-other = La ligne de commande n'est pas valide.
cli-parse-possible-values = Valeurs possibles : { $values }
cli-parse-did-you-mean = Vouliez-vous dire « { $suggestion } » ?
cli-parse-as-value = Pour passer « { $arg } » comme valeur, écrivez « -- { $arg } ».
cli-parse-more = Pour en savoir plus, lancez « { $command } --help ».

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = le disque est plein

## password prompt
password-prompt-title = Mot de passe de « { $account } »
password-prompt-hint = Mot de passe
password-prompt-remember = Enregistrer ce mot de passe dans le trousseau
password-prompt-ok = Se connecter
password-prompt-cancel = Plus tard
