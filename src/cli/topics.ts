export const EXAMPLES_HEADING = 'Examples:';

const ENVIRONMENT = `Environment variables

  HWAAS_DB        the store, like --db: a SQLite file, or a postgres:// (postgresql://)
                  URL of a shared store, for its owner (init, db, serve)
                  (default: $XDG_DATA_HOME/hwaas/hwaas.db, i.e. ~/.local/share/hwaas/hwaas.db)
  PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE
                  fill what a postgres:// URL leaves out, as libpq's do (~/.pgpass too)
  HWAAS_SERVER    a server (https://…, or http:// to this machine) to work through,
                  instead of the server \`hwaas auth login\` kept
  HWAAS_TOKEN     the token to give HWAAS_SERVER (for CI; people use auth login)
  HWAAS_LOG_LEVEL hwaas serve's log level: info (default), warn, error, debug
  XDG_CONFIG_HOME where auth login keeps hosts.json (default ~/.config)
  HWAAS_USER      who is acting (user ID or e-mail), like --as; through a server the
                  token says who you are, and only staff may name someone else
  HWAAS_TODAY     what "today" is (YYYY-MM-DD), like --date: makes quotes in CI reproducible;
                  a live store refuses it on commands that write (DATE_PINNED)
  HWAAS_NO_INPUT  set to 1 to never prompt, like --no-input
  CI              set (to anything but "", 0 or false) by CI systems: never prompt
  NO_COLOR        set to anything non-empty: no colour, like --no-color
  HWAAS_DEBUG     set to 1 to print the stack of an internal error
  XDG_DATA_HOME   where the default store lives

Precedence: the flag, then the environment variable, then the store's settings.
`;

const EXIT_CODES = `Exit codes

    0  done
    1  understood, but refused or failed: a business rule, not found, not allowed,
       a --check that did not match
    2  usage or input error: unknown flag, bad date, bad quantity, unknown SKU,
       a value missing while prompting is off
   70  internal error (a bug): please report it
  130  cancelled by the user (Ctrl-C at a prompt)

Error codes (stderr; with --json as {"error":{"code":"…","message":"…"}})

  exit 1  NOT_FOUND          no such ID, or not one the acting user may see
          NOT_ALLOWED        staff only; or a database login that is not the store's owner
          TERM_MISMATCH      the service's term is not the PBX's
          NOT_SUBSCRIPTION   the PBX is perpetual: HWaaS needs a subscription PBX
          BEFORE_ACTIVATION  the start is before the PBX's activation
          PBX_ENDED          the PBX was cancelled and has ended
          NOT_ELIGIBLE       the product is CapEx-only, not HWaaS
          NOT_PRICED         the product has no price in that currency and term
          UNPRINTABLE        a name has characters no font of the PDF has (use CSV,
                             XLSX or JSON, or change the name)
          NO_AGREEMENT       the customer has no signed HWaaS agreement on file
          OVERDUE_INVOICES   an invoice is 5 or more days overdue: checkout is refused
          ACCOUNT_LOCKED     an invoice is 30 or more days overdue: the partner's users
                             cannot change anything until it is paid
          INVALID_STATE      the order is not in a state that allows this
          QUOTE_EXPIRED      an order from a quote past its valid-until (--reprice)
          EXISTS             the file exists (use --force)
          CHECK_FAILED       a quote --check case or db check failed
          NO_STORE           no store yet (or an empty file, or no such database): run
                             hwaas init
          STORE_TOO_NEW      the store was written by a newer hwaas
          STORE_TOO_OLD      a shared store's schema is older: its owner runs hwaas init
          UNREACHABLE        the PostgreSQL server, or the hwaas server, cannot be reached
          NOT_AUTHENTICATED  the hwaas server refused the token (unknown, expired,
                             revoked, or its user disabled): hwaas auth login again
          RATE_LIMITED       too many failed logins from this address: wait a minute
          SERVER             the hwaas server answered what this hwaas cannot use (another
                             major version, or not an hwaas server)
          STORE_CORRUPT      the store file is damaged: restore a backup
          STORE_BUSY         another hwaas held the store locked too long (or a server's
                             connections stayed busy)
          READ_ONLY          a store, folder or disk hwaas must write is read-only
          DISK_FULL          the disk (or standard output's device) is full
          IO_ERROR           the disk failed while reading or writing
          INVALID_DATA       a file in data/ is malformed
  exit 2  USAGE              unknown flag or command, missing value
          INVALID_INPUT      a bad date, quantity, amount, text or file
          UNKNOWN_SKU        no such product in the catalog
          DATE_PINNED        --date or HWAAS_TODAY on a write to a live store
          NOT_A_STORE        --db names a folder, a link to nothing, or a file
                             that is not an hwaas store
  exit 70 INTERNAL           a bug
`;

export const HELP_TOPICS = { environment: ENVIRONMENT, 'exit-codes': EXIT_CODES } as const;
