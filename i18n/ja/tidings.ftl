## Tidings — 日本語. Keys, order and sections follow en-US/tidings.ftl;
## a key added there is added here at the same place. Japanese has no plural forms.

app-name = Tidings
app-title-file = { $file } — Tidings
language-name = 日本語

## Window: welcome

welcome-title = Tidings へようこそ
welcome-body = オンラインでもオフラインでも、メールを読んだり送ったりできます。まずはメールアカウントを追加してください。
welcome-add-account = アカウントを追加

## Command line

cli-about = Tidings はデスクトップ用のメールクライアントです。コマンドを指定しないとウィンドウを開きます。
cli-help-usage = 使い方:
cli-help-commands = コマンド:
cli-help-arguments = 引数:
cli-help-options = オプション:
cli-usage-options = オプション
cli-usage-command = コマンド
cli-arg-help = このヘルプを表示する
cli-arg-version = バージョンを表示する
cli-arg-profile = 設定、メール、ログをこのディレクトリに保存する (TIDINGS_HOME と同じ)
cli-arg-target = 宛先にする mailto: リンク、または読むメッセージファイル
cli-arg-json = 結果を 1 つの JSON ドキュメントとして出力する
cli-arg-account = アカウント名
cli-arg-account-name = アカウント名
cli-arg-keep-mail = POP3 アカウント: ダウンロード済みのメールをこのコンピューターに残す
cli-arg-delete-mail = POP3 アカウント: ダウンロード済みのメールを削除する (唯一のコピーかもしれません)
cli-arg-email = メールアドレス
cli-arg-display-name = メールの相手に表示される名前
cli-arg-protocol = メールの受信方法: imap はサーバーに残し、pop3 はダウンロードしてサーバーから削除します
cli-arg-auto = サーバーを自動で検出する
cli-arg-incoming = 受信サーバー (IMAP または POP3)
cli-arg-incoming-security = 受信サーバーとの接続の保護方式
cli-arg-smtp = 送信サーバー (SMTP)
cli-arg-smtp-security = 送信サーバーとの接続の保護方式
cli-arg-username = ログイン名 (メールアドレスと異なる場合)
cli-arg-ca-file = この PEM ファイル内の認証局も信頼する
cli-arg-accept-cert = この SHA-256 フィンガープリントを持つサーバー証明書を受け入れる
cli-arg-dns-server = システムの DNS サーバーの代わりにこの DNS サーバーに問い合わせる
cli-arg-password-stdin = パスワードを標準入力から読み込む
cli-arg-folder = フォルダー
cli-arg-limit = 表示するメッセージの最大数
cli-arg-id = メッセージの ID (list や search が表示するもの)
cli-arg-raw-show = メッセージを受信したときのまま出力する
cli-arg-query = 検索する内容。例: from:anna has:attachment "四半期報告"
cli-arg-to = 宛先
cli-arg-cc = Cc の宛先
cli-arg-bcc = Bcc の宛先 (ほかの宛先には表示されません)
cli-arg-subject = 件名
cli-arg-body-file = メッセージの本文をこのファイルから読み込む
cli-arg-attach = このファイルを添付する
cli-arg-raw-send = 標準入力から読み込んだメッセージ全体をそのまま送信する
cli-arg-outbox-id = 送信トレイの項目の番号、またはすべてを表す all
cli-arg-seen = 既読にする
cli-arg-unseen = 未読にする
cli-arg-flagged = フラグを付ける
cli-arg-unflagged = フラグを外す
cli-cmd-account = アカウントの追加、検出、確認、一覧表示、削除
cli-cmd-account-add = アカウントを追加する
cli-cmd-account-discover = メールアドレスのサーバーを検出する
cli-cmd-account-list = アカウントを一覧表示する
cli-cmd-account-verify = アカウントのサーバーにログインして設定を確認する
cli-cmd-account-remove = アカウントを削除する
cli-cmd-sync = 送信トレイのメッセージを送信してから、新着メールを受信する
cli-cmd-folders = アカウントのフォルダーを一覧表示する
cli-cmd-list = フォルダー内のメッセージを一覧表示する
cli-cmd-show = メッセージを表示する
cli-cmd-search = すべてのメールを検索する
cli-cmd-send = メッセージを送信する
cli-cmd-outbox = 送信待ちのメッセージを表示する
cli-cmd-outbox-retry = 送信トレイの項目をもう一度送信する
cli-cmd-flag = メッセージを既読・未読にする、またはフラグを付ける・外す
cli-cmd-move = メッセージを別のフォルダーへ移動する
cli-cmd-delete = メッセージを削除する
cli-not-available = 「{ $command }」は、このバージョンの Tidings ではまだ使えません。
cli-error-no-file = 「{ $path }」にメッセージファイルがありません。mailto: リンクか、メッセージファイル (.eml) のパスを指定してください。
cli-error-mailto = mailto: リンク「{ $link }」は正しくありません。パーセントエンコードされたテキストが UTF-8 ではありません。

## Errors

error-window = ウィンドウを開けませんでした: { $reason }
error-profile-no-home = プロファイルを保存するホームディレクトリが見つかりません。TIDINGS_HOME を設定するか、--profile を指定してください。
error-profile-create = プロファイルフォルダー { $path } を作成できませんでした: { $reason }
error-net-resolve = サーバー名 { $host } が見つかりません。つづりとネットワーク接続を確認してください。
error-net-refused = { $host } のポート { $port } への接続が拒否されました。ポート番号を確認してください。サーバーが停止している可能性もあります。
error-net-unreachable = { $host } のポート { $port } に接続できません: { $reason }
error-net-timeout = { $host } のポート { $port } から時間内に応答がありませんでした。オフラインになっているか、ファイアウォールがポートをブロックしている可能性があります。
error-net-broken = { $host } との接続が切れました: { $reason }
error-tls-handshake = { $host } との安全な接続を確立できませんでした: { $reason }
error-tls-bad-name = 「{ $host }」は、安全な接続に使えるサーバー名ではありません。
error-tls-ca-file = 認証局ファイル { $path } を使用できませんでした: { $reason }
error-tls-ca-file-empty = 証明書が含まれていません
error-tls-bad-pin = 「{ $pin }」は証明書の SHA-256 フィンガープリントではありません。
error-tls-platform = システムの証明書ストアを使用できませんでした: { $reason }
error-tls-certificate = { $host } の証明書は信頼されていません: { $reason } SHA-256 フィンガープリントは { $fingerprint } です。
cert-reason-unknown-issuer = このコンピューターが信頼する認証局の署名がありません (自己署名証明書の可能性があります)。
cert-reason-expired = { $date } に有効期限が切れています。
cert-reason-not-yet-valid = { $date } まで有効になりません。
cert-reason-wrong-host = 別のサーバー ({ $names }) の証明書です。
cert-reason-revoked = 発行者によって失効されています。
cert-reason-invalid = 有効ではありません ({ $detail })。
error-account-read = アカウント設定 { $path } を読み込めませんでした: { $reason }
error-account-write = アカウント設定 { $path } を保存できませんでした: { $reason }
error-account-not-found = 「{ $name }」という名前のアカウントはありません。
error-account-exists = 「{ $name }」という名前のアカウントはすでにあります。
error-account-invalid = アカウント設定「{ $field }」が正しくありません: { $reason }
account-invalid-empty = 空にはできません
account-invalid-email = 「{ $email }」はメールアドレスではありません
account-invalid-host = 「{ $host }」はサーバー名ではありません
account-invalid-port = ポートは 1 から 65535 の範囲で指定してください

## Formats: dates are strftime patterns, so each language can order them its own way.

date-format-time = %-H:%M
date-format-day-month = %-m月%-d日
date-format-date = %Y/%m/%d
date-format-full = %Y年%-m月%-d日(%a) %-H:%M
date-format-attribution = %Y年%-m月%-d日(%a) %-H:%M
date-format-long = %Y年%-m月%-d日 %-H:%M
number-decimal-separator = .
size-bytes = { $count } バイト
size-kb = { $size } KB
size-mb = { $size } MB
size-gb = { $size } GB

## IMAP

error-imap-starttls-missing = { $host } は STARTTLS に対応していないため、安全な接続を確立できませんでした。Tidings はパスワードを送信する前に中止しました。TLS (ポート 993) を選ぶか、プロバイダーに問い合わせてください。
error-imap-starttls-refused = { $host } が安全な接続 (STARTTLS) の開始を拒否しました: { $text } Tidings はパスワードを送信する前に中止しました。
error-imap-auth = { $host } がユーザー名またはパスワードを受け付けませんでした: { $text }
error-imap-no-auth-method = { $host } には、Tidings が安全に使えるログイン方法がありません (提供されている方法: { $offered })。
error-imap-greeting = { $host } は IMAP メールサーバーとして応答しませんでした: { $text }
error-imap-refused = { $host } がコマンド { $command } を拒否しました: { $text }
error-imap-rejected = { $host } がコマンド { $command } を無効として拒否しました: { $text }
error-imap-protocol = { $host } から Tidings が理解できない応答が返されました: { $detail }
error-imap-closed = { $host } が接続を閉じました。
error-imap-closed-text = { $host } が接続を閉じました: { $text }
error-imap-timeout = { $host } からの応答が途絶えました。オフラインになっているか、サーバーが混み合っている可能性があります。
error-imap-unsafe-input = 値「{ $value }」({ $what }) に使用できない文字 ({ $character }) が含まれています。
error-imap-bad-folder-name = { $host } から無効なフォルダー名が送られてきました: 「{ $name }」
error-imap-unsupported = { $host } はこの操作に必要な { $capability } に対応していません。
error-imap-not-imap = アカウント「{ $account }」は IMAP を使用していません。
imap-change-failed = サーバー上で変更を反映できませんでした: { $reason }
imap-change-failed-uidvalidity = フォルダー「{ $folder }」はサーバー上で作り直されたため、ここで行った変更は反映できなくなりました。フォルダーをもう一度ダウンロードします。
imap-change-folder-missing = フォルダー「{ $folder }」はサーバー上で利用できません: { $text }
imap-change-conflict = 「{ $folder }」の { $total } 件のメッセージのうち { $count } 件は、もうサーバー上にありません (削除されたか、別の場所へ移動されました)。変更は残りのメッセージに反映しました。このコンピューター上のコピーはそのまま残ります。
imap-unfetched-body = 「{ $folder }」のメッセージ「{ $subject }」をダウンロードできませんでした。サーバーから送信されませんでした ({ $reason })。一覧には残り、次回の同期で Tidings が再試行します。
imap-unfetched-message = 「{ $folder }」のメッセージ (サーバー上の番号 { $uid }) をダウンロードできませんでした。サーバーから送信されませんでした ({ $reason })。次回の同期で Tidings が再試行します。
error-action-folder-name = フォルダー名「{ $name }」は使用できません: { $reason }
error-action-no-folder = このアカウントには「{ $name }」というフォルダーはありません。
error-action-no-messages = メッセージが選択されていません。
folder-name-empty = 名前が空です。
folder-name-control = 制御文字 ({ $character }) が含まれています。
folder-name-empty-level = 「{ $delimiter }」で区切られた階層のひとつが空です。
folder-name-inbox = INBOX は受信トレイの名前です。
cli-sync-account-failed = { $account } の同期に失敗しました: { $reason }
cli-sync-done = { $account }: 同期しました。
cli-sync-imap-summary = { $account }: { $folders } 個のフォルダー、新着 { $new } 件、削除 { $removed } 件、サーバー上での変更 { $flags } 件、ダウンロード { $bodies } 件。オフラインでの変更 { $replayed } 件を送信{ $failed ->
    [0] {""}
   *[other] 、{ $failed } 件は失敗
}しました。
cli-folder-line = { $name }  (メッセージ { $total } 件、未読 { $unread } 件)
cli-folder-line-role = { $name } [{ $role }]  (メッセージ { $total } 件、未読 { $unread } 件)
cli-change-done = メッセージ { $id } を変更しました。
cli-change-moved = メッセージ { $id } を { $folder } へ移動しました。
cli-change-deleted = メッセージ { $id } を削除しました。
cli-change-queued = 変更はここに保存され、次回の同期でサーバーに反映されます: { $reason }
cli-change-replay-failed = { $count } 件の変更をサーバーに反映できませんでした。理由は tidings sync を実行すると確認できます。

## Compose (engine/compose)

compose-field-from = 差出人
compose-field-to = 宛先
compose-field-cc = Cc
compose-field-bcc = Bcc
compose-field-subject = 件名
compose-field-date = 日付
compose-attribution = { $date }、{ $name } さんは書きました:
compose-attribution-undated = { $name } さんは書きました:
compose-forwarded-separator = -------- 転送メッセージ --------
compose-forwarded-field = { $label }: { $value }
error-compose-line-break = 「{ $field }」欄に改行が含まれているため、送信できません。
error-compose-address = 「{ $field }」欄の「{ $value }」はメールアドレスではありません。
error-compose-no-recipients = 宛先がありません。宛先、Cc、Bcc のいずれかにアドレスを 1 つ以上入力してください。
error-compose-attachment = 添付ファイル { $name } を読み込めませんでした: { $reason }
error-compose-unreadable = メッセージを読み込めませんでした: { $reason }
error-compose-build = メッセージを作成できませんでした: { $reason }

## Sending (engine/smtp)

smtp-stage-connect = 接続中に
smtp-stage-auth = ログイン中に
smtp-stage-mail = 差出人アドレスの段階で
smtp-stage-recipient = 宛先の段階で
smtp-stage-data = 本文の送信前に
smtp-stage-content = 本文の送信後に
error-smtp-bad-credentials = ユーザー名またはパスワードに改行が含まれているため、サーバーに送信できません。
error-smtp-greeting = { $host } が接続を受け付けませんでした: { $reply }
error-smtp-starttls-missing = { $host } は暗号化された接続 (STARTTLS) に対応していないため、Tidings はログインも送信も行いませんでした。アカウント設定で SSL/TLS を選ぶか、プロバイダーに問い合わせてください。
error-smtp-starttls-refused = { $host } が接続の暗号化 (STARTTLS) を拒否しました: { $reply }
error-smtp-auth-unavailable = { $host } には、Tidings が使えるログイン方法がありません。サーバーの応答: { $offered }
error-smtp-auth-rejected = { $host } がユーザー名またはパスワードを拒否しました: { $reply }
error-smtp-eight-bit = { $host } は 8 ビット文字を含むメッセージを受け付けません。
error-smtp-utf8-address = { $host } は ASCII 以外の文字を含むアドレスを受け付けません。
error-smtp-bad-address = 「{ $address }」はメールを送信できるアドレスではありません。
error-smtp-recipients-refused = { $host } が { $recipients } への送信を拒否しました: { $reply }
error-smtp-refused = { $host } が{ $stage }メッセージを拒否しました: { $reply }
error-smtp-protocol = { $host } から Tidings が理解できない応答が返されました: { $reason }
error-smtp-timeout = { $host } から{ $stage }時間内に応答がありませんでした。
error-smtp-broken = { $host } との接続が{ $stage }切れました: { $reason }

## POP3

error-pop3-unsafe-credential = { $field } に改行または NUL 文字が含まれているため、POP3 サーバーに安全に送信できません。何も送信していません。
error-pop3-stls-not-offered = { $host } は STLS に対応していないため、接続を暗号化できません。Tidings はログインしませんでした。ポート 995 で TLS を選ぶか、プロバイダーに問い合わせてください。
error-pop3-stls-refused = { $host } が接続の暗号化 (STLS) を拒否しました: { $reply }。Tidings はログインしませんでした。
error-pop3-auth-failed = { $host } がログイン名またはパスワードを受け付けませんでした: { $reply }
error-pop3-login-refused = { $host } は現在ログインを受け付けていません: { $reply }
error-pop3-no-login-method = { $host } には、Tidings が使えるログイン方法がありません。接続が暗号化されていない場合、サーバーは TLS 経由のログインしか許可していない可能性があります。
error-pop3-timeout = { $host } から { $seconds } 秒間応答がありません。失われたものはありません。Tidings があとで再試行します。
error-pop3-closed = { $host } との接続が予期せず切断されました。失われたものはありません。Tidings があとで再試行します。
error-pop3-protocol = { $host } から POP3 に従っていない応答が返されました: { $detail }
error-pop3-refused = { $host } が { $command } を拒否しました: { $reply }
error-pop3-no-uidl-leave = { $host } はセッションをまたいでメッセージを識別できない (UIDL に対応していない) ため、Tidings はメールを何度もダウンロードし直さずにサーバーに残すことができません。このアカウントの「サーバーにメッセージを残す」をオフにしてください。
error-pop3-store = メールをこのコンピューターに保存できませんでした: { $reason }。サーバー上では何も削除していません。
sync-pop3-done = { $account }: 新着メッセージ { $downloaded } 件、サーバーから削除 { $deleted } 件、サーバーに残したもの { $left } 件。
sync-pop3-no-uidl = { $account }: サーバーがメッセージを識別できません (UIDL 非対応)。ダウンロードと削除はできますが、メールをサーバーに残すことはできません。

## Accounts: keyring, discovery, verify, the account commands

error-keyring-unavailable = パスワードを保存するキーリングが利用できません ({ $reason })。デスクトップのキーリング (Linux では Secret Service) を起動するか、--password-stdin で今回だけパスワードを指定してください。
error-keyring-locked = キーリングがパスワードへのアクセスを拒否しました ({ $reason })。ロックを解除してから、もう一度お試しください。
error-keyring-missing = キーリングにアカウント「{ $account }」のパスワードがありません。--password-stdin で指定してください。
error-keyring-failed = キーリングでエラーが発生しました: { $reason }
keyring-no-store = キーリングが設定されていません
keyring-bad-data = 保存されているパスワードを読み取れません
keyring-ambiguous = このアカウントのパスワードがキーリングに { $count } 個あります
error-discover-address = 「{ $address }」はメールアドレスではありません。
error-discover-resolver = DNS リゾルバーを設定できませんでした: { $reason }
error-discover-nothing = { $address } のメールサーバーが見つかりませんでした ({ $tried } か所を確認)。サーバーを手動で入力してください。
error-discover-missing = { $address } の { $kind } サーバーが見つかりませんでした。手動で入力してください。
discover-warning-http = { $kind } の設定は暗号化されていない接続 ({ $url }) で取得されたため、途中で改ざんされている可能性があります。使う前に内容を確認してください。
discover-warning-plaintext = { $kind } サーバー { $host } (ポート { $port }) は暗号化に対応していません。パスワードやメールが誰にでも読める状態でネットワークを流れます。
discover-warning-other-domain = { $kind } サーバー { $host } は、メールアドレスとは別のドメインにあります。パスワードを預けても信頼できる場合にのみ使用してください。
cli-arg-ispdb-url = Thunderbird の ISPDB の代わりにこの ISPDB でプロバイダーを調べる (末尾にドメインが付加されます)
cli-arg-password-stdin-run = パスワードを標準入力から読み込み、今回の実行だけで使う
cli-runtime = エンジンを起動できませんでした: { $reason }
cli-bad-dns-server = 「{ $value }」は DNS サーバーのアドレスではありません。IP:ポート の形式で指定してください (例: 127.0.0.1:53)。
cli-bad-host-port = { $what } には「{ $value }」ではなく ホスト:ポート の形式で指定してください。
cli-add-needs = { $flag } を指定するか、--auto でサーバーを自動検出してください。
cli-json-failed = 結果を JSON として出力できませんでした: { $reason }
cli-warning = 警告: { $text }
cli-password-stdin-failed = 標準入力からパスワードを読み込めませんでした: { $reason }
cli-password-empty = 標準入力から読み込んだパスワードが空です。
discover-trying = { $target } を確認しています…
discover-provider = プロバイダー: { $name }
discover-server = { $kind }: { $host }:{ $port } ({ $security })、ユーザー { $username } — { $source } から: { $origin }
discover-alternative = ほかの候補: { $server }
account-added = アカウント「{ $name }」を追加しました: 受信 { $incoming }、送信 { $outgoing }
account-added-no-password = 「{ $name }」のパスワードは保存されていません。必要なときに --password-stdin で指定してください。
account-list-empty = アカウントはまだありません。「tidings account add」で追加してください。
account-list-line = { $name } <{ $email }> { $protocol } { $incoming }、SMTP { $outgoing }
error-account-mail-would-be-lost = 「{ $name }」は POP3 アカウントで、このコンピューターにはダウンロード済みのメッセージが { $messages } 件あり、それが唯一のコピーかもしれません。扱いを --keep-mail または --delete-mail で指定してください。
account-removed = アカウント「{ $name }」を削除しました。
account-removed-mail-kept = アカウント「{ $name }」を削除しました。ダウンロード済みのメッセージ { $messages } 件は残しています。
account-removed-mail-deleted = アカウント「{ $name }」と、このコンピューター上のメッセージ { $messages } 件を削除しました。
verify-incoming = 受信
verify-outgoing = 送信
verify-ok = { $what } { $server }: ログインできました。
verify-failed = { $what } { $server }: { $reason }

## Drafts (engine/drafts)

error-draft-io = 下書き { $path } を保存または読み込みできませんでした: { $reason }
error-draft-damaged = 下書き { $path } は破損しています: { $reason }
error-draft-not-found = 下書き { $id } はありません。
error-draft-bad-id = 「{ $id }」は下書きではありません。

## Store

error-store-open = { $path } のメール保存領域を開けませんでした: { $reason }
error-store-too-new = メール保存領域は新しいバージョンの Tidings で書き込まれています。開くには Tidings を更新してください。何も変更していません。
error-store-database = メール保存領域の読み書きができませんでした: { $reason }
error-store-file = メッセージファイル { $path } の読み書きができませんでした: { $reason }
error-store-no-account = 「{ $name }」という名前のアカウントのメールは保存されていません。
error-store-no-folder = 「{ $name }」というフォルダーはありません。
error-store-folder-exists = 「{ $name }」という名前のフォルダーはすでにあります。
error-store-no-message = ID が { $id } のメッセージはありません。
error-store-no-body = メッセージ { $id } はまだダウンロードされていません。取得するにはアカウントを同期してください。
error-store-lost = メッセージ { $id } の保存済みコピーがディスク上になく、もう一度ダウンロードすることもできません。
error-store-no-outbox = 送信トレイに項目 { $id } はありません。
error-store-no-change = 保留中の変更 { $id } はありません。
error-store-change = サーバーへの反映を待っている変更を読み込めませんでした: { $reason }
error-store-query = 検索「{ $query }」は正しくありません: { $reason }
search-problem-quote = 引用符が閉じられていません。
search-problem-empty = 「{ $key }:」には値が必要です (例: { $key }:キーワード)。
search-problem-key = 「{ $key }:」は検索キーワードではありません。from:、to:、subject:、has:、is:、before:、after:、in:、account: のいずれかを使うか、語を引用符で囲んでください。
search-problem-value = 「{ $key }:{ $value }」は使用できません。has:attachment、is:unread、is:read、is:flagged、is:answered をお試しください。
search-problem-date = 「{ $value }」は日付ではありません。YYYY-MM-DD の形式で入力してください (例: 2025-01-31)。
search-problem-empty-query = 検索する内容がありません。
message-unreadable = (読み取れないメッセージ)
message-no-subject = (件名なし)
reader-from = 差出人
reader-to = 宛先
reader-cc = Cc
reader-date = 日付
reader-subject = 件名
reader-attachments = 添付ファイル
reader-not-downloaded = このメッセージの本文はまだダウンロードされていません。取得するにはアカウントを同期してください。
reader-remote-blocked = プライバシー保護のため、外部画像 { $count } 件を読み込んでいません。
reader-image-remote = [読み込まれていない画像: { $alt }]
reader-image = [画像: { $alt }]
cli-write-failed = 出力を書き込めませんでした: { $reason }

## Outbox (engine/smtp/outbox)

outbox-interrupted = このメッセージの送信中に Tidings が終了しました。送信済みの可能性があります。もう一度送る前に、宛先の相手に確認してください。
outbox-maybe-sent = メッセージを渡した後に接続が切れたため、送信済みの可能性があります: { $reason } 指示がない限り再送信はしません。
outbox-sent-copy-failed = メッセージは送信しましたが、送信済みフォルダー用のコピーを保存できませんでした: { $reason }

## Command line: send and outbox (cli/send)

cli-send-stdin = 標準入力からメッセージを読み込めませんでした: { $reason }
cli-send-body-file = テキストファイル { $path } を読み込めませんでした: { $reason }
cli-send-busy = 別の Tidings が送信中です。
cli-send-sent = 送信しました (送信トレイの項目 { $id })。
cli-send-failed = メッセージは送信されず、送信トレイに項目 { $id } として残っています: { $reason }
cli-send-maybe-sent = 送信トレイの項目 { $id }: { $reason }
cli-send-queued = メッセージを今は送信できなかったため、送信トレイに項目 { $id } として保存し、あとで再試行します: { $reason }
cli-outbox-bad-id = 「{ $id }」は送信トレイの項目番号でも「all」でもありません。
cli-outbox-empty = 送信トレイは空です。
cli-outbox-left = 送信トレイにまだ { $count } 件のメッセージがあります。
outbox-state-queued = 送信待ち
outbox-state-sending = 送信中
outbox-state-retry = { $at } に再試行します: { $reason }
outbox-state-failed = 未送信: { $reason }
outbox-state-maybe-sent = 送信済みの可能性あり: { $reason }

## Command line: sync (cli/sync)

sync-smtp-sent = { $account }: { $count } 件のメッセージを送信しました。
sync-smtp-problem = { $account }: 送信トレイの項目 { $id } は送信されませんでした: { $reason }

## Window (src/ui)

app-opening = メールを開いています…
app-broken-title = Tidings でメールを開けませんでした
error-internal = Tidings の内部で問題が発生しました。詳細はログに記録されています。

## Window: setup wizard

wizard-add-title = アカウントを追加
wizard-name = あなたの名前
wizard-name-hint = メールの相手に表示される名前
wizard-email = メールアドレス
wizard-email-hint = you@example.com
wizard-password = パスワード
wizard-password-hint = メールのパスワード
wizard-continue = 続ける
wizard-manual = 手動で設定
wizard-cancel = キャンセル
wizard-back = 戻る
wizard-error-email = you@example.com のように、メールアドレスをすべて入力してください。
wizard-error-password = パスワードを入力してください。
wizard-error-host = { $server }サーバーの名前を入力してください。
wizard-error-port = { $server }サーバーのポートには 1 から 65535 までの数字を入力してください。
wizard-error-security = { $server }サーバーとの接続の保護方式を選んでください。
wizard-searching = 設定を探しています…
wizard-searching-for = Tidings は { $email } のメールがどこにあるかを調べています。
wizard-nothing-found = このアドレスの設定は見つかりませんでした。プロバイダーから案内されたサーバーを入力してください。
wizard-review-title = アカウントのサーバー
wizard-found-source = 設定の取得元: { $source }
wizard-other-domain = これらのサーバーは { $domain } ではなく { $host } にあります。プロバイダーがメールをそこで管理していると分かっている場合にのみ使用してください。
wizard-protocol-question = Tidings でメールをどのように受信しますか？
wizard-imap = IMAP (推奨)
wizard-imap-explain = メールはサーバー上に残り、すべてのデバイスで同じ状態になります。
wizard-pop3 = POP3
wizard-pop3-explain = メールはこのコンピューターにダウンロードされ、サーバーからは削除されます。低速または不安定な回線に向いていますが、このコンピューターが唯一のコピーを持つことになるため、バックアップを取ってください。
wizard-incoming = 受信
wizard-outgoing = 送信
wizard-incoming-imap = 受信サーバー (IMAP)
wizard-incoming-pop3 = 受信サーバー (POP3)
wizard-outgoing-smtp = 送信サーバー (SMTP)
wizard-server-line = { $host }、ポート { $port }、{ $security }
wizard-server-user = { $username } としてログイン
wizard-host = サーバー
wizard-port = ポート
wizard-security = 接続の保護
wizard-username = ユーザー名
wizard-edit-settings = 設定を変更
wizard-hide-settings = 設定を隠す
wizard-plain-warning = 暗号化しないと、パスワードやメールが途中の誰にでも読める状態でネットワークを流れます。
wizard-sign-in = ログイン
wizard-verifying = ログインしています…
wizard-saving = アカウントを保存しています…
wizard-please-wait = 数秒かかります。
wizard-accept-certificate = このアカウントでこの証明書を信頼する
wizard-discover-source-bundled = Tidings のプロバイダー一覧
wizard-discover-source-autoconfig = プロバイダーの設定ファイル
wizard-discover-source-ispdb = Thunderbird のプロバイダーデータベース
wizard-discover-source-mx = ドメインのメールサーバー (MX レコード)
wizard-discover-source-srv = ドメインの DNS サービスレコード (SRV)
wizard-discover-source-guess = よく使われるサーバー名
wizard-discover-trying = { $source } に問い合わせ中: { $target }
wizard-discover-found-at = { $target } でサーバーが見つかりました
wizard-discover-bad-certificate = { $target }: { $host } の証明書は信頼されていません
security-tls = SSL/TLS
security-starttls = STARTTLS
security-plain = なし (暗号化しない)
certificate-title = { $host } の証明書
certificate-subject = 発行先
certificate-issuer = 発行者
certificate-valid = 有効期間
certificate-valid-range = { $from } から { $until } まで
certificate-fingerprint = SHA-256
certificate-advice = プロバイダーからこのフィンガープリントであると案内されている場合にのみ信頼してください。後で証明書が変わった場合、Tidings は改めて確認します。

## Window: mailbox

toolbar-compose = 作成
toolbar-sync = 受信
toolbar-settings = 設定
toolbar-help = ショートカット
search-hint = 検索: 単語、"フレーズ"、from:anna、has:attachment、is:unread…
folder-unified = すべての受信トレイ
folder-inbox = 受信トレイ
folder-sent = 送信済み
folder-drafts = 下書き
folder-trash = ごみ箱
folder-junk = 迷惑メール
folder-archive = アーカイブ
list-loading = 読み込んでいます…
list-empty = メッセージはありません。
list-no-results = この検索に一致するメッセージはありません。
list-no-sender = (差出人なし)
list-no-subject = (件名なし)
reading-nothing = 読むメッセージを選んでください。
reading-loading = メッセージを開いています…
reading-not-downloaded = このメッセージの本文はまだダウンロードされていません。同期で取得されしだい、ここに表示されます。ただし、オフラインで読むために保持する日数より古いメッセージは除きます (設定を参照)。
reading-to = 宛先
reading-cc = Cc
reading-reply-to = 返信先
reading-unreadable = このメッセージはメールとして読み取れませんでした。受信した内容をそのまま表示しています。
reading-show-source = ソースを表示
reading-hide-source = メッセージを表示
reading-remote-blocked = このメッセージにはインターネット上の画像が { $count } 件ありますが、読んだことが差出人に伝わらないよう、読み込んでいません。
reading-remote-load = 外部コンテンツを読み込む
reading-remote-loading = 外部コンテンツを読み込んでいます…
reading-remote-failed = 外部画像 { $count } 件を読み込めませんでした。
reading-image = (画像)
reading-image-remote = (外部画像、未読み込み)
reading-image-remote-named = (外部画像「{ $alt }」、未読み込み)
reading-save = 保存
reading-open = 開く
reading-save-title = 添付ファイルを保存
reading-saved = { $path } に保存しました。
reading-error-file = { $path } に書き込めませんでした: { $reason }
reading-error-open = { $target } を開けませんでした: { $reason }
reading-error-link = 「{ $url }」は Web やメールのリンクではないため、Tidings では開きません。
reading-error-scheme = 画像は http と https でのみ読み込み、{ $scheme } では読み込みません
reading-error-too-big = 画像が 10 MB を超えています
action-reply = 返信
action-reply-all = 全員に返信
action-forward = 転送
action-mark-read = 既読にする
action-mark-unread = 未読にする
action-flag = フラグを付ける
action-unflag = フラグを外す
action-archive = アーカイブ
action-delete = 削除
action-move = 移動…

## Window: status bar

status-idle = 最新の状態です
status-sync-starting = { $account }: 接続しています…
status-sync-headers = { $account }: { $folder }、{ $total } 件中 { $done } 件
status-sync-bodies = { $account }: { $folder }、オフラインで読めるように { $total } 件中 { $done } 件をダウンロードしています
status-sync-download = { $account }: { $total } 件中 { $done } 件をダウンロードしています
status-sync-send = { $account }: { $total } 件中 { $done } 件を送信しています
status-sync-replay = { $account }: { $total } 件中 { $done } 件の変更をサーバーに送信しています
status-offline = オフライン ({ $account }: { $reason })
status-offline-waiting = オフライン ({ $account }: { $reason }) — { $count } 件の変更が待機中で、接続が戻ると反映されます
status-outbox = 送信トレイに { $count } 件のメッセージ
notify-new-mail-title = { $count } 件の新着メッセージ
notify-new-mail-body = { $account } の { $folder }

## Window: composer

composer-title-new = 新しいメッセージ
composer-title-reply = 返信
composer-title-forward = 転送
composer-from = 差出人
composer-to = 宛先
composer-cc = Cc
composer-bcc = Bcc
composer-show-copies = Cc または Bcc を追加
composer-subject = 件名
composer-address-hint = 名前またはアドレス (カンマ区切り)
composer-body-hint = メッセージを入力
composer-attach = ファイルを添付
composer-attach-title = ファイルを添付
composer-drop-hint = またはここにファイルをドロップ
composer-send = 送信
composer-close = 閉じる
composer-discard = 破棄
composer-sending = メッセージを送信トレイに入れています…
composer-saving = 下書きを保存しています…
composer-saved = 下書きを保存しました
composer-preparing = メッセージを準備しています…
composer-error-from = 送信に使うアカウントを選んでください。
composer-error-recipients = 宛先を 1 つ以上追加してください。
composer-mailto-files = リンクは { $names } の添付を求めていましたが、リンクからこのコンピューターのファイルを添付することはできないため、何も添付していません。
composer-mailto-dropped = リンクは { $names } を設定しようとしましたが、リンクで入力できるのは宛先、件名、本文だけのため、省きました。

## Window: settings

settings-title = 設定
settings-add-account = アカウントを追加
settings-account-summary = { $email } · { $protocol } · { $host }
settings-display-name = あなたの名前
settings-signature = 署名 (新しいメッセージに追加されます)
settings-sent-copy = 送信したメールのコピーをサーバーの送信済みフォルダーに保存する (Gmail のように自動で保存するサーバーではオフにしてください)
settings-offline-days = 本文をオフラインで読めるように保持する日数 (空欄: すべて)
settings-poll-minutes = すべてのフォルダーを確認する間隔 (分)
settings-pop3-only-copy = サーバーに残さない限り、このアカウントのメールの唯一のコピーはこのコンピューターにあります。バックアップを取ってください。
settings-pop3-leave = メッセージのコピーをサーバーに残す
settings-pop3-days = サーバーから削除するまでの日数 (空欄: 削除しない)
settings-pop3-delete-local = ここで削除したらサーバーからも削除する
settings-pop3-check = 新着メールを確認する間隔 (分) (空欄: 指示したときだけ)
settings-general = 全般
settings-servers = サーバーとパスワード
settings-password = 新しいパスワード
settings-password-hint = 現在のパスワードのままにする場合は空欄にします
settings-save = 変更を保存
settings-saved = 保存しました。
settings-error-number = 「{ $field }」には 0 より大きい整数を入力してください。
settings-remove = アカウントを削除
settings-remove-imap = { $account } を削除しますか？ メールはサーバーに残り、このコンピューター上のコピーは削除されます。
settings-remove-confirm = 削除
settings-remove-pop3-warning = { $account } は POP3 でメールをダウンロードしています。このコンピューター上のメールが唯一のコピーかもしれません。残しますか、それとも完全に削除しますか？
settings-remove-keep-mail = 削除してメールはここに残す
settings-remove-delete-mail = 削除してメールも消去する
settings-cancel = キャンセル
settings-removed = { $account } を削除しました。
settings-appearance = 外観
settings-appearance-system = システムに合わせる
settings-appearance-light = ライト
settings-appearance-dark = ダーク
settings-notifications = 新着メールが届いたら通知する
settings-language = 言語
settings-language-system = システムに合わせる

## Window: keyboard shortcuts

help-title = キーボードショートカット
help-intro = 入力欄に入力していないときに使えます。
shortcut-compose = 新しいメッセージを作成
shortcut-reply = 返信
shortcut-reply-all = 全員に返信
shortcut-forward = 転送
shortcut-next = 次のメッセージ
shortcut-previous = 前のメッセージ
shortcut-delete = メッセージを削除
shortcut-unread = 既読・未読を切り替え
shortcut-flag = フラグを付ける・外す
shortcut-archive = アーカイブ
shortcut-search = 検索
shortcut-help = この一覧を表示・非表示
shortcut-escape = この一覧、設定、作成中のメッセージを閉じる

## Hardening: hostile servers and messages

error-imap-preauth = { $host } は、暗号化とログインを省略し、ログイン済みの状態でセッションを開始しました (PREAUTH)。Tidings はこのようなセッションを受け付けません。設定したサーバーではない可能性があります。
reader-attachment-risky = { $name } ({ $size }。.{ $extension } ファイルはプログラムを実行できます。送信者を信頼できる場合にのみ開いてください)
reader-warning-name-hides-address = 警告: 送信者名には { $shown } と表示されていますが、実際の送信元は { $address } です。
reader-warning-confusable-domain = 警告: { $domain } には異なる文字体系の文字が混在しており、別のドメインを装っている可能性があります。{ $ascii } として表示しています。
reader-warning-link-differs = 警告: リンクには { $text } と表示されていますが、実際のリンク先は { $target } です。
reader-warning-unsafe-link = { $target } へのリンクは、コードを実行するおそれがあるため無効にしました。

## Window: reading old messages on demand

error-imap-not-on-server = このメッセージはもうサーバー上にありません (「{ $folder }」から削除されたか、別の場所に移動されました)。そのため本文をダウンロードできません。
reading-download-pop3 = このメッセージは POP3 アカウントのものです。POP3 では常にメッセージ全体をダウンロードするため、このコンピューターにない本文を再び取得することはできません。
reading-downloading = このメッセージをダウンロードしています…
reading-download-offline = このメッセージの本文はまだこのコンピューターにありません。サーバーとの接続が回復しだいダウンロードします。
reading-download-failed = このメッセージの本文をダウンロードできませんでした: { $reason }
reading-download-retry = 再試行

## Command line: parse errors (cli/parse_error)

cli-parse-unknown-argument = 予期しない引数「{ $arg }」があります。
cli-parse-unknown-subcommand = 「{ $command }」というコマンドはありません。
cli-parse-invalid-value = 「{ $value }」は { $arg } の値として正しくありません。
cli-parse-missing-value = { $arg } には値が必要です。
cli-parse-missing-required = 必要な引数が { $count } 個足りません: { $args }
cli-parse-missing-subcommand = 「{ $command }」の後にコマンドが必要です。
cli-parse-too-many-values = 「{ $value }」は { $arg } には余分な値です。
cli-parse-wrong-number = { $arg } には値が { $expected } 個必要です ({ $actual } 個ではありません)。
cli-parse-conflict = { $arg } は { $other } と一緒には使えません。
cli-parse-repeated = { $arg } は一度しか指定できません。
cli-parse-no-equals = { $arg } の値は「=」の後に書いてください (例: { $arg }=値)。
cli-parse-invalid-utf8 = 引数に UTF-8 として正しくない文字列があります。
cli-parse-other = コマンドラインが正しくありません。
cli-parse-possible-values = 使える値: { $values }
cli-parse-did-you-mean = 「{ $suggestion }」のことですか?
cli-parse-as-value = 「{ $arg }」を値として渡すには「-- { $arg }」と書いてください。
cli-parse-more = 詳しくは「{ $command } --help」を実行してください。

## Hardening: a full disk

# Why a file or the mail store could not be written (the $reason of error-store-*).
error-reason-disk-full = ディスクの空き容量がありません

## password prompt
password-prompt-title = 「{ $account }」のパスワード
password-prompt-hint = パスワード
password-prompt-remember = このパスワードをキーリングに保存する
password-prompt-ok = サインイン
password-prompt-cancel = 後で
