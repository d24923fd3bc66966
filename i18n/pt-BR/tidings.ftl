## Tidings — português do Brasil. Keys, order and sections follow en-US/tidings.ftl;
## a key added there is added here at the same place.

app-name = Tidings
app-title-file = { $file } — Tidings
language-name = Português (Brasil)

## Window: welcome

welcome-title = Boas-vindas ao Tidings
welcome-body = Leia e envie seus e-mails, on-line ou off-line. Para começar, adicione sua conta de e-mail.
welcome-add-account = Adicionar uma conta

## Command line

cli-about = Tidings, um cliente de e-mail para desktop. Sem um comando, ele abre a janela.
cli-help-usage = Uso:
cli-help-commands = Comandos:
cli-help-arguments = Argumentos:
cli-help-options = Opções:
cli-usage-options = OPÇÕES
cli-usage-command = COMANDO
cli-arg-help = Mostrar esta ajuda
cli-arg-version = Mostrar a versão
cli-arg-profile = Guardar configurações, e-mails e registros nesta pasta (o mesmo que TIDINGS_HOME)
cli-arg-target = Um link mailto: para escrever, ou um arquivo de mensagem para ler
cli-arg-json = Mostrar o resultado como um único documento JSON
cli-arg-account = O nome da conta
cli-arg-account-name = O nome da conta
cli-arg-keep-mail = Contas POP3: manter neste computador os e-mails baixados
cli-arg-delete-mail = Contas POP3: excluir os e-mails baixados, que podem ser a única cópia
cli-arg-email = O endereço de e-mail
cli-arg-display-name = O nome que as pessoas para quem você escreve veem
cli-arg-protocol = Como receber os e-mails: imap os mantém no servidor, pop3 os baixa e os exclui de lá
cli-arg-auto = Encontrar os servidores automaticamente
cli-arg-incoming = O servidor de entrada (IMAP ou POP3)
cli-arg-incoming-security = Segurança da conexão de entrada
cli-arg-smtp = O servidor de saída (SMTP)
cli-arg-smtp-security = Segurança da conexão de saída
cli-arg-username = O nome de usuário, se não for o endereço de e-mail
cli-arg-ca-file = Confiar também nas autoridades certificadoras deste arquivo PEM
cli-arg-accept-cert = Aceitar o certificado do servidor com esta impressão digital SHA-256
cli-arg-dns-server = Consultar este servidor DNS em vez do servidor do sistema
cli-arg-password-stdin = Ler a senha da entrada padrão
cli-arg-folder = A pasta
cli-arg-limit = Mostrar no máximo este número de mensagens
cli-arg-id = O identificador da mensagem, como list e search o mostram
cli-arg-raw-show = Mostrar a mensagem exatamente como foi recebida
cli-arg-query = O que pesquisar, por exemplo from:anna has:attachment "relatório trimestral"
cli-arg-to = Um destinatário
cli-arg-cc = Um destinatário em cópia (Cc)
cli-arg-bcc = Um destinatário oculto (Cco)
cli-arg-subject = O assunto
cli-arg-body-file = Ler o texto da mensagem deste arquivo
cli-arg-attach = Anexar este arquivo
cli-arg-raw-send = Enviar uma mensagem completa lida da entrada padrão
cli-arg-outbox-id = O item da caixa de saída, ou all para todos
cli-arg-seen = Marcar como lida
cli-arg-unseen = Marcar como não lida
cli-arg-flagged = Sinalizar
cli-arg-unflagged = Remover sinalização
cli-cmd-account = Adicionar, encontrar, verificar, listar e remover contas
cli-cmd-account-add = Adicionar uma conta
cli-cmd-account-discover = Encontrar os servidores de um endereço de e-mail
cli-cmd-account-list = Listar as contas
cli-cmd-account-verify = Entrar nos servidores de uma conta para verificar as configurações
cli-cmd-account-remove = Remover uma conta
cli-cmd-sync = Enviar o que aguarda na caixa de saída e depois receber e-mails novos
cli-cmd-folders = Listar as pastas de uma conta
cli-cmd-list = Listar as mensagens de uma pasta
cli-cmd-show = Mostrar uma mensagem
cli-cmd-search = Pesquisar em todos os e-mails
cli-cmd-send = Enviar uma mensagem
cli-cmd-outbox = Mostrar o que aguarda envio
cli-cmd-outbox-retry = Tentar enviar de novo um item da caixa de saída
cli-cmd-flag = Marcar uma mensagem como lida ou não lida, sinalizar ou remover a sinalização
cli-cmd-move = Mover uma mensagem para outra pasta
cli-cmd-delete = Excluir uma mensagem
cli-not-available = “{ $command }” ainda não está disponível nesta versão do Tidings.
cli-error-no-file = Não há nenhum arquivo de mensagem em “{ $path }”. Informe um link mailto: ou o caminho de um arquivo de mensagem (.eml).
cli-error-mailto = O link mailto: “{ $link }” não é válido: o texto codificado com porcentagem não é UTF-8.

## Errors

error-window = Não foi possível abrir a janela: { $reason }
error-profile-no-home = Não foi encontrada uma pasta pessoal para guardar seu perfil. Defina TIDINGS_HOME ou use --profile.
error-profile-create = Não foi possível criar a pasta do perfil { $path }: { $reason }
error-net-resolve = O servidor { $host } não foi encontrado. Verifique a grafia e sua conexão de rede.
error-net-refused = { $host } recusou a conexão na porta { $port }. Verifique a porta; o servidor também pode estar fora do ar.
error-net-unreachable = Não foi possível alcançar { $host } na porta { $port }: { $reason }
error-net-timeout = { $host } não respondeu a tempo na porta { $port }. Talvez você esteja off-line, ou um firewall está bloqueando a porta.
error-net-broken = A conexão com { $host } caiu: { $reason }
error-tls-handshake = Não foi possível estabelecer uma conexão segura com { $host }: { $reason }
error-tls-bad-name = “{ $host }” não é um nome de servidor válido para uma conexão segura.
error-tls-ca-file = Não foi possível usar o arquivo de autoridades certificadoras { $path }: { $reason }
error-tls-ca-file-empty = ele não contém nenhum certificado
error-tls-bad-pin = “{ $pin }” não é uma impressão digital SHA-256 de certificado.
error-tls-platform = Não foi possível usar o repositório de certificados do sistema: { $reason }
error-tls-certificate = O certificado de { $host } não é confiável: { $reason } A impressão digital SHA-256 dele é { $fingerprint }.
cert-reason-unknown-issuer = ele não foi assinado por uma autoridade em que este computador confia (pode ser autoassinado).
cert-reason-expired = ele expirou em { $date }.
cert-reason-not-yet-valid = ele só é válido a partir de { $date }.
cert-reason-wrong-host = ele pertence a outro servidor ({ $names }).
cert-reason-revoked = ele foi revogado pelo emissor.
cert-reason-invalid = ele não é válido ({ $detail }).
error-account-read = Não foi possível ler as configurações da conta { $path }: { $reason }
error-account-write = Não foi possível salvar as configurações da conta { $path }: { $reason }
error-account-not-found = Não existe nenhuma conta chamada “{ $name }”.
error-account-exists = Já existe uma conta chamada “{ $name }”.
error-account-invalid = A configuração de conta “{ $field }” não é válida: { $reason }
account-invalid-empty = ela não pode ficar vazia
account-invalid-email = “{ $email }” não é um endereço de e-mail
account-invalid-host = “{ $host }” não é um nome de servidor
account-invalid-port = a porta deve estar entre 1 e 65535

## Formats: dates are strftime patterns, so each language can order them its own way.

date-format-time = %H:%M
date-format-day-month = { $day ->
    [1] 1º
   *[other] %-d
} de %b
date-format-date = %d/%m/%Y
date-format-full = %A, { $day ->
    [1] 1º
   *[other] %-d
} de %B de %Y, às %H:%M
date-format-attribution = { $day ->
    [1] 1º
   *[other] %-d
} de %B de %Y às %H:%M
date-format-long = { $day ->
    [1] 1º
   *[other] %-d
} de %B de %Y às %H:%M
number-decimal-separator = ,
size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
size-kb = { $size } KB
size-mb = { $size } MB
size-gb = { $size } GB

## IMAP

error-imap-starttls-missing = { $host } não oferece STARTTLS, então não foi possível estabelecer uma conexão segura. O Tidings parou antes de enviar sua senha. Escolha TLS (porta 993) ou consulte seu provedor.
error-imap-starttls-refused = { $host } recusou iniciar uma conexão segura (STARTTLS): { $text } O Tidings parou antes de enviar sua senha.
error-imap-auth = { $host } não aceitou seu nome de usuário ou sua senha: { $text }
error-imap-no-auth-method = { $host } não oferece nenhuma forma de login que o Tidings possa usar com segurança (ele oferece: { $offered }).
error-imap-greeting = { $host } não respondeu como um servidor de e-mail IMAP: { $text }
error-imap-refused = { $host } recusou o comando { $command }: { $text }
error-imap-rejected = { $host } rejeitou o comando { $command } como inválido: { $text }
error-imap-protocol = { $host } enviou uma resposta que o Tidings não entende: { $detail }
error-imap-closed = { $host } fechou a conexão.
error-imap-closed-text = { $host } fechou a conexão: { $text }
error-imap-timeout = { $host } parou de responder. Talvez você esteja off-line, ou o servidor está sobrecarregado.
error-imap-unsafe-input = O valor “{ $value }” ({ $what }) contém um caractere não permitido ({ $character }).
error-imap-bad-folder-name = { $host } enviou um nome de pasta inválido: “{ $name }”.
error-imap-unsupported = { $host } não tem suporte a { $capability }, que é necessário para isso.
error-imap-not-imap = A conta “{ $account }” não usa IMAP.
imap-change-failed = Não foi possível fazer uma alteração no servidor: { $reason }
imap-change-failed-uidvalidity = A pasta “{ $folder }” foi reconstruída no servidor, então uma alteração feita aqui não pode mais ser aplicada. A pasta será baixada de novo.
imap-change-folder-missing = A pasta “{ $folder }” não está disponível no servidor: { $text }
imap-change-conflict = { $total ->
    [one] A mensagem em “{ $folder }” não está mais no servidor (foi excluída ou movida para outro lugar).
   *[other] { $count ->
        [one] { $count } de { $total } mensagens em “{ $folder }” não está mais no servidor (foi excluída ou movida para outro lugar); a alteração foi feita nas demais.
       *[other] { $count } de { $total } mensagens em “{ $folder }” não estão mais no servidor (foram excluídas ou movidas para outro lugar); a alteração foi feita nas demais.
    }
} Sua cópia aqui foi mantida.
imap-unfetched-body = Não foi possível baixar a mensagem “{ $subject }” em “{ $folder }”: o servidor não a enviou ({ $reason }). Ela continua na lista, e o Tidings tentará de novo na próxima sincronização.
imap-unfetched-message = Não foi possível baixar uma mensagem em “{ $folder }” (número { $uid } no servidor): o servidor não a enviou ({ $reason }). O Tidings tentará de novo na próxima sincronização.
error-action-folder-name = O nome de pasta “{ $name }” não pode ser usado: { $reason }
error-action-no-folder = Não existe a pasta “{ $name }” nesta conta.
error-action-no-messages = Nenhuma mensagem foi escolhida.
folder-name-empty = ele está vazio.
folder-name-control = ele contém um caractere de controle ({ $character }).
folder-name-empty-level = um dos níveis entre “{ $delimiter }” está vazio.
folder-name-inbox = INBOX é o nome da Caixa de entrada.
cli-sync-account-failed = Falha ao sincronizar { $account }: { $reason }
cli-sync-done = { $account }: sincronizada.
cli-sync-imap-summary = { $account }: { $folders ->
    [one] { $folders } pasta
   *[other] { $folders } pastas
}, { $new ->
    [one] { $new } nova
   *[other] { $new } novas
}, { $removed ->
    [one] { $removed } removida
   *[other] { $removed } removidas
}, { $flags ->
    [one] { $flags } alterada no servidor
   *[other] { $flags } alteradas no servidor
}, { $bodies ->
    [one] { $bodies } baixada
   *[other] { $bodies } baixadas
}; { $replayed ->
    [one] { $replayed } alteração off-line enviada
   *[other] { $replayed } alterações off-line enviadas
}{ $failed ->
    [0] {""}
   *[other] , { $failed } com falha
}.
cli-folder-line = { $name }  ({ $total ->
    [one] { $total } mensagem
   *[other] { $total } mensagens
}, { $unread ->
    [one] { $unread } não lida
   *[other] { $unread } não lidas
})
cli-folder-line-role = { $name } [{ $role }]  ({ $total ->
    [one] { $total } mensagem
   *[other] { $total } mensagens
}, { $unread ->
    [one] { $unread } não lida
   *[other] { $unread } não lidas
})
cli-change-done = Mensagem { $id } alterada.
cli-change-moved = Mensagem { $id } movida para { $folder }.
cli-change-deleted = Mensagem { $id } excluída.
cli-change-queued = A alteração foi salva aqui e chegará ao servidor na próxima sincronização: { $reason }
cli-change-replay-failed = { $count ->
    [one] { $count } alteração não pôde ser feita
   *[other] { $count } alterações não puderam ser feitas
} no servidor; execute tidings sync para ver o motivo.

## Compose (engine/compose)

compose-field-from = De
compose-field-to = Para
compose-field-cc = Cc
compose-field-bcc = Cco
compose-field-subject = Assunto
compose-field-date = Data
compose-attribution = Em { $date }, { $name } escreveu:
compose-attribution-undated = { $name } escreveu:
compose-forwarded-separator = -------- Mensagem encaminhada --------
compose-forwarded-field = { $label }: { $value }
error-compose-line-break = O campo “{ $field }” contém uma quebra de linha, que não pode ser enviada.
error-compose-address = “{ $value }” no campo “{ $field }” não é um endereço de e-mail.
error-compose-no-recipients = A mensagem não tem destinatário. Adicione pelo menos um endereço em Para, Cc ou Cco.
error-compose-attachment = Não foi possível ler o anexo { $name }: { $reason }
error-compose-unreadable = Não foi possível ler a mensagem: { $reason }
error-compose-build = Não foi possível montar a mensagem: { $reason }

## Sending (engine/smtp)

smtp-stage-connect = ao conectar
smtp-stage-auth = ao fazer login
smtp-stage-mail = no endereço do remetente
smtp-stage-recipient = nos destinatários
smtp-stage-data = antes da mensagem
smtp-stage-content = depois que a mensagem foi enviada
error-smtp-bad-credentials = O nome de usuário ou a senha contém uma quebra de linha, que não pode ser enviada a um servidor.
error-smtp-greeting = { $host } não aceitou a conexão: { $reply }
error-smtp-starttls-missing = { $host } não oferece uma conexão criptografada (STARTTLS), então o Tidings não fez login nem enviou nada. Escolha SSL/TLS nas configurações da conta ou consulte seu provedor.
error-smtp-starttls-refused = { $host } recusou criptografar a conexão (STARTTLS): { $reply }
error-smtp-auth-unavailable = { $host } não oferece nenhum método de login que o Tidings possa usar. O servidor informou: { $offered }
error-smtp-auth-rejected = { $host } recusou o nome de usuário ou a senha: { $reply }
error-smtp-eight-bit = { $host } não aceita mensagens com caracteres de 8 bits.
error-smtp-utf8-address = { $host } não aceita endereços com caracteres fora do ASCII.
error-smtp-bad-address = “{ $address }” não é um endereço para o qual se possa enviar e-mail.
error-smtp-recipients-refused = { $host } recusou enviar para { $recipients }: { $reply }
error-smtp-refused = { $host } recusou a mensagem { $stage }: { $reply }
error-smtp-protocol = { $host } enviou uma resposta que o Tidings não entende: { $reason }
error-smtp-timeout = { $host } não respondeu a tempo { $stage }.
error-smtp-broken = A conexão com { $host } caiu { $stage }: { $reason }

## POP3

error-pop3-unsafe-credential = O dado { $field } contém uma quebra de linha ou um caractere NUL, que não pode ser enviado com segurança a um servidor POP3. Nada foi enviado.
error-pop3-stls-not-offered = { $host } não oferece STLS, então a conexão não pode ser criptografada. O Tidings não fez login. Escolha TLS na porta 995 ou consulte seu provedor.
error-pop3-stls-refused = { $host } recusou criptografar a conexão (STLS): { $reply }. O Tidings não fez login.
error-pop3-auth-failed = { $host } não aceitou o nome de usuário ou a senha: { $reply }
error-pop3-login-refused = { $host } recusou o login por enquanto: { $reply }
error-pop3-no-login-method = { $host } não oferece nenhum método de login que o Tidings possa usar. Se a conexão não estiver criptografada, talvez o servidor só permita login por TLS.
error-pop3-timeout = { $host } ficou { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
} sem responder. Nada foi perdido; o Tidings tentará de novo.
error-pop3-closed = A conexão com { $host } foi fechada inesperadamente. Nada foi perdido; o Tidings tentará de novo.
error-pop3-protocol = { $host } enviou uma resposta que não segue o POP3: { $detail }
error-pop3-refused = { $host } recusou { $command }: { $reply }
error-pop3-no-uidl-leave = { $host } não consegue distinguir as mensagens entre sessões (não tem UIDL), então o Tidings não pode deixar os e-mails no servidor sem baixá-los de novo a cada vez. Desative “deixar no servidor” nesta conta.
error-pop3-store = Não foi possível salvar os e-mails neste computador: { $reason }. Nada foi excluído no servidor.
sync-pop3-done = { $account }: { $downloaded ->
    [one] { $downloaded } mensagem nova
   *[other] { $downloaded } mensagens novas
}, { $deleted ->
    [one] { $deleted } excluída
   *[other] { $deleted } excluídas
} no servidor, { $left ->
    [one] { $left } mantida
   *[other] { $left } mantidas
} lá.
sync-pop3-no-uidl = { $account }: o servidor não consegue identificar as mensagens (sem UIDL). Baixar e excluir funciona, mas os e-mails não podem ser deixados no servidor.

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = Não há nenhum chaveiro disponível para guardar senhas ({ $reason }). Inicie o chaveiro do seu desktop (o Secret Service no Linux) ou informe a senha só para esta execução com --password-stdin.
error-keyring-locked = O chaveiro negou acesso à senha ({ $reason }). Desbloqueie-o e tente de novo.
error-keyring-missing = O chaveiro não tem nenhuma senha para a conta “{ $account }”. Informe-a com --password-stdin.
error-keyring-failed = Falha no chaveiro: { $reason }
keyring-no-store = nenhum chaveiro foi configurado
keyring-bad-data = a senha armazenada não pode ser lida
keyring-ambiguous = o chaveiro tem { $count ->
    [one] { $count } senha
   *[other] { $count } senhas
} para esta conta
error-discover-address = “{ $address }” não é um endereço de e-mail.
error-discover-resolver = Não foi possível configurar o resolvedor de DNS: { $reason }
error-discover-nothing = Nenhum servidor de e-mail foi encontrado para { $address } ({ $tried ->
    [one] { $tried } fonte consultada
   *[other] { $tried } fontes consultadas
}). Informe os servidores manualmente.
error-discover-missing = Nenhum servidor { $kind } foi encontrado para { $address }. Informe-o manualmente.
discover-warning-http = As configurações de { $kind } vieram por uma conexão não criptografada ({ $url }); qualquer pessoa no caminho poderia tê-las alterado. Confira-as antes de usar.
discover-warning-plaintext = O servidor { $kind } { $host } (porta { $port }) não oferece criptografia: sua senha e seus e-mails passariam pela rede legíveis por qualquer pessoa.
discover-warning-other-domain = O servidor { $kind } { $host } está em um domínio diferente do seu endereço. Use-o apenas se você confiar sua senha a ele.
cli-arg-ispdb-url = Procurar provedores nesta ISPDB em vez da do Thunderbird (o domínio é acrescentado ao final)
cli-arg-password-stdin-run = Ler a senha da entrada padrão e usá-la só nesta execução
cli-runtime = Não foi possível iniciar o mecanismo: { $reason }
cli-bad-dns-server = “{ $value }” não é um endereço de servidor DNS; informe IP:PORTA, por exemplo 127.0.0.1:53.
cli-bad-host-port = { $what } espera HOST:PORTA, não “{ $value }”.
cli-add-needs = Informe { $flag } ou use --auto para encontrar os servidores.
cli-json-failed = Não foi possível escrever o resultado como JSON: { $reason }
cli-warning = Aviso: { $text }
cli-password-stdin-failed = Não foi possível ler a senha da entrada padrão: { $reason }
cli-password-empty = A senha lida da entrada padrão está vazia.
discover-trying = Tentando { $target }…
discover-provider = Provedor: { $name }
discover-server = { $kind }: { $host }:{ $port } ({ $security }), usuário { $username } — de { $source }: { $origin }
discover-alternative = Também possível: { $server }
account-added = Conta “{ $name }” adicionada: entrada { $incoming }, saída { $outgoing }.
account-added-no-password = Nenhuma senha foi armazenada para “{ $name }”; informe-a com --password-stdin quando necessário.
account-list-empty = Ainda não há contas. Adicione uma com “tidings account add”.
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }, SMTP { $outgoing }
error-account-mail-would-be-lost = “{ $name }” é uma conta POP3 e este computador guarda { $messages ->
    [one] { $messages } mensagem baixada dela, que pode ser a única cópia
   *[other] { $messages } mensagens baixadas dela, que podem ser a única cópia
}. Diga o que fazer com elas: --keep-mail ou --delete-mail.
account-removed = Conta “{ $name }” removida.
account-removed-mail-kept = Conta “{ $name }” removida; { $messages ->
    [one] { $messages } mensagem baixada foi mantida
   *[other] as { $messages } mensagens baixadas foram mantidas
}.
account-removed-mail-deleted = Conta “{ $name }” removida, com { $messages ->
    [one] { $messages } mensagem
   *[other] suas { $messages } mensagens
} neste computador.
verify-incoming = Entrada
verify-outgoing = Saída
verify-ok = { $what } { $server }: login feito.
verify-failed = { $what } { $server }: { $reason }

## Drafts (engine/drafts)

error-draft-io = Não foi possível salvar ou ler o rascunho { $path }: { $reason }
error-draft-damaged = O rascunho { $path } está danificado: { $reason }
error-draft-not-found = Não existe o rascunho { $id }.
error-draft-bad-id = “{ $id }” não é um rascunho.

## Store

error-store-open = Não foi possível abrir o armazenamento de e-mails em { $path }: { $reason }
error-store-too-new = O armazenamento de e-mails foi gravado por uma versão mais nova do Tidings. Atualize o Tidings para abri-lo; nada foi alterado.
error-store-database = Não foi possível ler ou gravar o armazenamento de e-mails: { $reason }
error-store-file = Não foi possível ler ou gravar o arquivo de mensagem { $path }: { $reason }
error-store-no-account = Não há e-mails armazenados para uma conta chamada “{ $name }”.
error-store-no-folder = Não existe a pasta “{ $name }”.
error-store-folder-exists = Já existe uma pasta chamada “{ $name }”.
error-store-no-message = Não existe nenhuma mensagem com o identificador { $id }.
error-store-no-body = A mensagem { $id } ainda não foi baixada. Sincronize a conta para obtê-la.
error-store-lost = A cópia armazenada da mensagem { $id } sumiu do disco e não pode ser baixada de novo.
error-store-no-outbox = Não existe o item { $id } na caixa de saída.
error-store-no-change = Não existe a alteração pendente { $id }.
error-store-change = Não foi possível ler uma alteração que aguarda envio ao servidor: { $reason }
error-store-query = A pesquisa “{ $query }” não é válida: { $reason }
search-problem-quote = há aspas que não foram fechadas.
search-problem-empty = “{ $key }:” precisa de um valor, por exemplo { $key }:algo.
search-problem-key = “{ $key }:” não é uma palavra-chave de pesquisa. Use from:, to:, subject:, has:, is:, before:, after:, in: ou account:, ou coloque a palavra entre aspas.
search-problem-value = “{ $key }:{ $value }” não é reconhecido. Tente has:attachment, is:unread, is:read, is:flagged ou is:answered.
search-problem-date = “{ $value }” não é uma data. Escreva no formato AAAA-MM-DD, por exemplo 2025-01-31.
search-problem-empty-query = não há nada para pesquisar.
message-unreadable = (mensagem ilegível)
message-no-subject = (sem assunto)
reader-from = De
reader-to = Para
reader-cc = Cc
reader-date = Data
reader-subject = Assunto
reader-attachments = Anexos
reader-not-downloaded = O texto desta mensagem ainda não foi baixado. Sincronize a conta para obtê-lo.
reader-remote-blocked = { $count ->
    [one] { $count } imagem remota não foi carregada, para proteger sua privacidade.
   *[other] { $count } imagens remotas não foram carregadas, para proteger sua privacidade.
}
reader-image-remote = [imagem não carregada: { $alt }]
reader-image = [imagem: { $alt }]
cli-write-failed = Não foi possível escrever a saída: { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = O Tidings parou enquanto esta mensagem estava sendo enviada. Ela pode ter sido enviada; confirme com um destinatário antes de enviá-la de novo.
outbox-maybe-sent = A conexão caiu depois que a mensagem foi entregue, então ela pode ter sido enviada: { $reason } Ela não será enviada de novo a menos que você peça.
outbox-sent-copy-failed = A mensagem foi enviada, mas a cópia dela para a pasta Enviados não pôde ser salva: { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = Não foi possível ler a mensagem da entrada padrão: { $reason }
cli-send-body-file = Não foi possível ler o arquivo de texto { $path }: { $reason }
cli-send-busy = outro Tidings está enviando agora.
cli-send-sent = Enviada (item { $id } da caixa de saída).
cli-send-failed = A mensagem não foi enviada e continua na caixa de saída como item { $id }: { $reason }
cli-send-maybe-sent = Item { $id } da caixa de saída: { $reason }
cli-send-queued = A mensagem não pôde ser enviada agora e aguarda na caixa de saída como item { $id }; ela será tentada de novo: { $reason }
cli-outbox-bad-id = “{ $id }” não é um número de item da caixa de saída nem “all”.
cli-outbox-empty = A caixa de saída está vazia.
cli-outbox-left = { $count ->
    [one] { $count } mensagem ainda está na caixa de saída.
   *[other] { $count } mensagens ainda estão na caixa de saída.
}
outbox-state-queued = aguardando envio
outbox-state-sending = sendo enviada
outbox-state-retry = será tentada de novo às { $at }: { $reason }
outbox-state-failed = não enviada: { $reason }
outbox-state-maybe-sent = pode ter sido enviada: { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account }: { $count ->
    [one] { $count } mensagem enviada.
   *[other] { $count } mensagens enviadas.
}
sync-smtp-problem = { $account }: o item { $id } da caixa de saída não foi enviado: { $reason }

## Window (src/ui)

app-opening = Abrindo seus e-mails…
app-broken-title = O Tidings não conseguiu abrir seus e-mails
error-internal = Algo deu errado dentro do Tidings. Os detalhes estão no registro.

## Window: setup wizard

wizard-add-title = Adicionar uma conta
wizard-name = Seu nome
wizard-name-hint = O nome que as pessoas veem quando você escreve para elas
wizard-email = Endereço de e-mail
wizard-email-hint = voce@example.com
wizard-password = Senha
wizard-password-hint = A senha do seu e-mail
wizard-continue = Continuar
wizard-manual = Configurar manualmente
wizard-cancel = Cancelar
wizard-back = Voltar
wizard-error-email = Digite seu endereço de e-mail completo, como voce@example.com.
wizard-error-password = Digite sua senha.
wizard-error-host = Digite o nome do servidor { $server }.
wizard-error-port = A porta do servidor { $server } deve ser um número de 1 a 65535.
wizard-error-security = Escolha como a conexão com o servidor { $server } é protegida.
wizard-searching = Procurando suas configurações…
wizard-searching-for = O Tidings está descobrindo onde ficam os e-mails de { $email }.
wizard-nothing-found = Nenhuma configuração foi encontrada para este endereço. Informe os servidores que seu provedor indicar.
wizard-review-title = Os servidores da sua conta
wizard-found-source = De onde vieram estas configurações: { $source }.
wizard-other-domain = Estes servidores não estão em { $domain }, mas em { $host }. Use-os apenas se você souber que seu provedor guarda seus e-mails lá.
wizard-protocol-question = Como o Tidings deve receber seus e-mails?
wizard-imap = IMAP (recomendado)
wizard-imap-explain = Seus e-mails ficam no servidor e são os mesmos em todos os seus dispositivos.
wizard-pop3 = POP3
wizard-pop3-explain = Seus e-mails são baixados para este computador e excluídos do servidor — bom para conexões lentas ou instáveis, mas este computador passa a ter a única cópia: faça backup.
wizard-incoming = de entrada
wizard-outgoing = de saída
wizard-incoming-imap = Servidor de entrada (IMAP)
wizard-incoming-pop3 = Servidor de entrada (POP3)
wizard-outgoing-smtp = Servidor de saída (SMTP)
wizard-server-line = { $host }, porta { $port }, { $security }
wizard-server-user = Faz login como { $username }
wizard-host = Servidor
wizard-port = Porta
wizard-security = Segurança
wizard-username = Nome de usuário
wizard-edit-settings = Alterar configurações
wizard-hide-settings = Ocultar configurações
wizard-plain-warning = Sem criptografia, sua senha e seus e-mails passam pela rede legíveis por qualquer pessoa no caminho.
wizard-sign-in = Entrar
wizard-verifying = Entrando…
wizard-saving = Salvando sua conta…
wizard-please-wait = Isso leva alguns segundos.
wizard-accept-certificate = Confiar neste certificado para esta conta
wizard-discover-source-bundled = a lista de provedores do Tidings
wizard-discover-source-autoconfig = o arquivo de configuração do seu provedor
wizard-discover-source-ispdb = o banco de dados de provedores do Thunderbird
wizard-discover-source-mx = o servidor de e-mail (MX) do domínio
wizard-discover-source-srv = os registros DNS de serviço (SRV) do domínio
wizard-discover-source-guess = nomes de servidor comuns
wizard-discover-trying = Consultando { $source }: { $target }
wizard-discover-found-at = Servidores encontrados em { $target }
wizard-discover-bad-certificate = { $target }: o certificado de { $host } não é confiável
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = Nenhuma (sem criptografia)
certificate-title = O certificado de { $host }
certificate-subject = Emitido para
certificate-issuer = Emitido por
certificate-valid = Validade
certificate-valid-range = de { $from } até { $until }
certificate-fingerprint = SHA-256
certificate-advice = Confie nele apenas se seu provedor disse para esperar exatamente esta impressão digital. Se o certificado mudar depois, o Tidings perguntará de novo.

## Window: mailbox

toolbar-compose = Escrever
toolbar-sync = Receber
toolbar-settings = Configurações
toolbar-help = Atalhos
search-hint = Pesquisar: palavras, "uma frase", from:anna, has:attachment, is:unread…
folder-unified = Todas as caixas de entrada
folder-inbox = Caixa de entrada
folder-sent = Enviados
folder-drafts = Rascunhos
folder-trash = Lixeira
folder-junk = Lixo eletrônico
folder-archive = Arquivo
list-loading = Carregando…
list-empty = Nenhuma mensagem aqui.
list-no-results = Nenhuma mensagem corresponde a esta pesquisa.
list-no-sender = (sem remetente)
list-no-subject = (sem assunto)
reading-nothing = Selecione uma mensagem para lê-la.
reading-loading = Abrindo a mensagem…
reading-not-downloaded = O texto desta mensagem ainda não foi baixado. Ele aparecerá aqui assim que a sincronização o trouxer, a menos que a mensagem seja mais antiga que os dias guardados para leitura off-line (veja as Configurações).
reading-to = Para
reading-cc = Cc
reading-reply-to = Responder para
reading-unreadable = Não foi possível ler esta mensagem como um e-mail; aqui está exatamente o que foi recebido.
reading-show-source = Mostrar o código-fonte
reading-hide-source = Mostrar a mensagem
reading-remote-blocked = { $count ->
    [one] { $count } imagem desta mensagem está na internet e não foi carregada, para que o remetente não saiba que você a leu.
   *[other] { $count } imagens desta mensagem estão na internet e não foram carregadas, para que o remetente não saiba que você a leu.
}
reading-remote-load = Carregar conteúdo remoto
reading-remote-loading = Carregando conteúdo remoto…
reading-remote-failed = { $count ->
    [one] { $count } imagem remota não pôde ser carregada.
   *[other] { $count } imagens remotas não puderam ser carregadas.
}
reading-image = (imagem)
reading-image-remote = (imagem remota, não carregada)
reading-image-remote-named = (imagem remota “{ $alt }”, não carregada)
reading-save = Salvar
reading-open = Abrir
reading-save-title = Salvar anexo
reading-saved = Salvo como { $path }.
reading-error-file = Não foi possível gravar { $path }: { $reason }
reading-error-open = Não foi possível abrir { $target }: { $reason }
reading-error-link = “{ $url }” não é um link da web nem de e-mail; o Tidings não o abre.
reading-error-scheme = as imagens só são carregadas por http e https, não por { $scheme }
reading-error-too-big = a imagem tem mais de 10 MB
action-reply = Responder
action-reply-all = Responder a todos
action-forward = Encaminhar
action-mark-read = Marcar como lida
action-mark-unread = Marcar como não lida
action-flag = Sinalizar
action-unflag = Remover sinalização
action-archive = Arquivar
action-delete = Excluir
action-move = Mover para…

## Window: status bar

status-idle = Tudo em dia
status-sync-starting = { $account }: conectando…
status-sync-headers = { $account }: { $folder }, { $done } de { $total ->
    [one] { $total } mensagem
   *[other] { $total } mensagens
}
status-sync-bodies = { $account }: { $folder }, baixando { $done } de { $total ->
    [one] { $total } mensagem
   *[other] { $total } mensagens
} para leitura off-line
status-sync-download = { $account }: baixando { $done } de { $total ->
    [one] { $total } mensagem
   *[other] { $total } mensagens
}
status-sync-send = { $account }: enviando { $done } de { $total }
status-sync-replay = { $account }: enviando ao servidor { $done } de { $total ->
    [one] { $total } alteração
   *[other] { $total } alterações
}
status-offline = Off-line ({ $account }: { $reason })
status-offline-waiting = Off-line ({ $account }: { $reason }) — { $count ->
    [one] { $count } alteração aguarda e será enviada
   *[other] { $count } alterações aguardam e serão enviadas
} quando a conexão voltar
status-outbox = { $count ->
    [one] { $count } mensagem na caixa de saída
   *[other] { $count } mensagens na caixa de saída
}
notify-new-mail-title = { $count ->
    [one] Nova mensagem
   *[other] { $count } novas mensagens
}
notify-new-mail-body = Em { $folder } de { $account }

## Window: composer

composer-title-new = Nova mensagem
composer-title-reply = Responder
composer-title-forward = Encaminhar
composer-from = De
composer-to = Para
composer-cc = Cc
composer-bcc = Cco
composer-show-copies = Adicionar Cc ou Cco
composer-subject = Assunto
composer-address-hint = Nomes ou endereços, separados por vírgulas
composer-body-hint = Escreva sua mensagem
composer-attach = Anexar arquivos
composer-attach-title = Anexar arquivos
composer-drop-hint = ou solte arquivos aqui
composer-send = Enviar
composer-close = Fechar
composer-discard = Descartar
composer-sending = Colocando a mensagem na caixa de saída…
composer-saving = Salvando rascunho…
composer-saved = Rascunho salvo
composer-preparing = Preparando a mensagem…
composer-error-from = Escolha a conta de envio.
composer-error-recipients = Adicione pelo menos um destinatário.
composer-mailto-files = O link pediu para anexar { $names }. Um link não pode pegar arquivos deste computador, então nada foi anexado.
composer-mailto-dropped = O link tentou definir { $names }. Um link só pode preencher os destinatários, o assunto e o texto, então isso foi ignorado.

## Window: settings

settings-title = Configurações
settings-add-account = Adicionar uma conta
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = Seu nome
settings-signature = Assinatura, adicionada às novas mensagens
settings-sent-copy = Guardar uma cópia dos e-mails enviados na pasta Enviados do servidor (desative em servidores que já fazem isso, como o Gmail)
settings-offline-days = Dias de mensagens cujo texto fica guardado para leitura off-line (vazio: todas)
settings-poll-minutes = Minutos entre verificações completas de todas as pastas
settings-pop3-only-copy = Este computador guarda a única cópia dos e-mails desta conta, a menos que eles fiquem no servidor. Faça backup.
settings-pop3-leave = Deixar uma cópia das mensagens no servidor
settings-pop3-days = Dias após os quais elas são excluídas do servidor (vazio: nunca)
settings-pop3-delete-local = Excluí-las do servidor quando eu as excluir aqui
settings-pop3-check = Minutos entre verificações de novos e-mails (vazio: só quando eu pedir)
settings-general = Geral
settings-servers = Servidores e senha
settings-password = Nova senha
settings-password-hint = Deixe em branco para manter a senha atual
settings-save = Salvar alterações
settings-saved = Salvo.
settings-error-number = “{ $field }” deve ser um número inteiro maior que zero.
settings-remove = Remover conta
settings-remove-imap = Remover { $account }? Os e-mails continuam no servidor; a cópia neste computador é excluída.
settings-remove-confirm = Remover
settings-remove-pop3-warning = { $account } baixa e-mails por POP3: os e-mails neste computador podem ser a única cópia. Mantê-los ou excluí-los definitivamente?
settings-remove-keep-mail = Remover e manter os e-mails aqui
settings-remove-delete-mail = Remover e excluir os e-mails
settings-cancel = Cancelar
settings-removed = { $account } foi removida.
settings-appearance = Aparência
settings-appearance-system = Igual ao sistema
settings-appearance-light = Claro
settings-appearance-dark = Escuro
settings-notifications = Avisar quando chegarem novos e-mails
settings-language = Idioma
settings-language-system = Igual ao sistema

## Window: keyboard shortcuts

help-title = Atalhos de teclado
help-intro = Eles funcionam sempre que você não estiver digitando em um campo.
shortcut-compose = Escrever uma nova mensagem
shortcut-reply = Responder
shortcut-reply-all = Responder a todos
shortcut-forward = Encaminhar
shortcut-next = Próxima mensagem
shortcut-previous = Mensagem anterior
shortcut-delete = Excluir a mensagem
shortcut-unread = Marcar como lida ou não lida
shortcut-flag = Sinalizar ou remover sinalização
shortcut-archive = Arquivar
shortcut-search = Pesquisar
shortcut-help = Mostrar ou ocultar esta lista
shortcut-escape = Fechar esta lista, as configurações ou a mensagem em edição

## Hardening: hostile servers and messages

error-imap-preauth = { $host } iniciou a sessão como se você já estivesse conectado (PREAUTH), pulando a criptografia e o login. O Tidings não aceita uma sessão assim: este pode não ser o servidor que você configurou.
reader-attachment-risky = { $name } ({ $size }; um arquivo .{ $extension } pode executar programas: abra-o só se você confiar no remetente)
reader-warning-name-hides-address = Atenção: o nome do remetente mostra { $shown }, mas a mensagem vem de { $address }.
reader-warning-confusable-domain = Atenção: { $domain } mistura letras de alfabetos diferentes e pode imitar outro domínio; ele é exibido como { $ascii }.
reader-warning-link-differs = Atenção: um link mostra { $text }, mas leva a { $target }.
reader-warning-unsafe-link = Um link para { $target } foi desativado porque poderia executar código.

## Window: reading old messages on demand

error-imap-not-on-server = Esta mensagem não está mais no servidor (foi apagada de “{ $folder }” ou movida para outro lugar), por isso não é possível baixar o texto dela.
reading-download-pop3 = Esta mensagem veio de uma conta POP3, que sempre baixa as mensagens inteiras. O texto dela está faltando neste computador e não pode ser pedido de novo.
reading-downloading = Baixando esta mensagem…
reading-download-offline = O texto desta mensagem ainda não está neste computador. Ele será baixado assim que a conexão com o servidor voltar.
reading-download-failed = Não foi possível baixar o texto desta mensagem: { $reason }
reading-download-retry = Tentar de novo

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = Argumento inesperado “{ $arg }”.
cli-parse-unknown-subcommand = “{ $command }” não é um comando.
cli-parse-invalid-value = “{ $value }” não é um valor válido para { $arg }.
cli-parse-missing-value = { $arg } precisa de um valor.
cli-parse-missing-required = { $count ->
    [one] Falta um argumento obrigatório: { $args }
   *[other] Faltam argumentos obrigatórios: { $args }
}
cli-parse-missing-subcommand = Falta um comando depois de “{ $command }”.
cli-parse-too-many-values = “{ $value }” é um valor a mais para { $arg }.
cli-parse-wrong-number = { $arg } precisa de { $expected ->
    [one] { $expected } valor
   *[other] { $expected } valores
}, não { $actual }.
cli-parse-conflict = { $arg } não pode ser usado junto com { $other }.
cli-parse-repeated = { $arg } só pode ser informado uma vez.
cli-parse-no-equals = { $arg } espera o valor depois de “=”, por exemplo { $arg }=VALOR.
cli-parse-invalid-utf8 = Um argumento não é um texto UTF-8 válido.
cli-parse-other = A linha de comando não é válida.
cli-parse-possible-values = Valores possíveis: { $values }
cli-parse-did-you-mean = Você quis dizer “{ $suggestion }”?
cli-parse-as-value = Para passar “{ $arg }” como valor, escreva “-- { $arg }”.
cli-parse-more = Para saber mais, execute “{ $command } --help”.

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = o disco está cheio

## password prompt
password-prompt-title = Senha de “{ $account }”
password-prompt-hint = Senha
password-prompt-remember = Guardar esta senha no chaveiro
password-prompt-ok = Entrar
password-prompt-cancel = Agora não
