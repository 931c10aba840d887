"""The names a C program may use without declaring them: C keywords, predefined names and what the standard
headers declare. A breakage must never turn a name into one of these, or count on one being undeclared."""

from __future__ import annotations

_C_KEYWORD_LIST = """
    auto break case char const continue default do double else enum extern float for goto if inline int
    long register restrict return short signed sizeof static struct switch typedef union unsigned void
    volatile while asm typeof bool true false unix linux errno assert main NULL EOF"""
_C_KEYWORDS = frozenset(_C_KEYWORD_LIST.split())
"""Keywords and names a hosted gnu17 program may see without declaring them (``unix`` and ``linux`` are
predefined macros)."""

_LIBRARY_NAME_LIST = """
    a64l abort abs acos acosh alloca arc4random asctime asin asinh atan atan2 atanh atexit atof atoi
    atol bcmp bcopy bsearch bzero calloc cbrt ceil clearenv clearerr clock copysign cos cosh ctermid
    ctime daylight difftime div dprintf drand48 drem dysize ecvt erand48 erf erfc exit exp exp2 expm1
    fabs fclose fcvt fdim fdopen feof ferror fflush ffs fgetc fgetpos fgets fileno finite flockfile
    floor fma fmax fmemopen fmin fmod fopen fprintf fputc fputs fread free freopen frexp fscanf fseek
    fseeko fsetpos ftell ftello ftrylockfile funlockfile fwrite gamma gcvt getc getchar getdelim getenv
    getline getloadavg getsubopt getw gmtime hypot ilogb index initstate isalnum isalpha isascii isblank
    iscntrl isdigit isgraph isinf islower isnan isprint ispunct isspace isupper isxdigit j0 j1 jn
    jrand48 l64a labs lcong48 ldexp ldiv lgamma llabs lldiv llrint llround localtime log log10 log1p
    log2 logb lrand48 lrint lround malloc mblen mbstowcs mbtowc memccpy memchr memcmp memcpy memmove
    memset mkdtemp mkstemp mkstemps mktemp mktime modf mrand48 nan nanosleep nearbyint nextafter
    nexttoward nrand48 pclose perror popen pow printf pselect putc putchar putenv puts putw qecvt qfcvt
    qgcvt qsort rand random realloc reallocarray realpath remainder remove remquo rename renameat rewind
    rindex rint round rpmatch scalb scalbln scalbn scanf seed48 select setbuf setbuffer setenv
    setlinebuf setstate setvbuf signgam significand sin sinh snprintf sprintf sqrt srand srand48 srandom
    sscanf stderr stdin stdout stpcpy stpncpy strcasecmp strcat strchr strcmp strcoll strcpy strcspn
    strdup strerror strftime strlen strncasecmp strncat strncmp strncpy strndup strnlen strpbrk strrchr
    strsep strsignal strspn strstr strtod strtof strtok strtol strtold strtoq strtoul strtouq strxfrm
    system tan tanh tempnam tgamma time timegm timelocal timezone tmpfile tmpnam toascii tolower toupper
    trunc tzname tzset ungetc unsetenv valloc vdprintf vfprintf vfscanf vprintf vscanf vsnprintf
    vsprintf vsscanf wcstombs wctomb y0 y1 yn"""
_LIBRARY_NAMES = frozenset(_LIBRARY_NAME_LIST.split())
"""Functions and objects glibc's ``stdio``, ``stdlib``, ``string``, ``ctype``, ``math``, ``time`` and
``errno`` headers declare under gnu17 (no underscores; the ``f``/``l`` math variants are implied): a
variable that falls back to one of these, or a misspelling that hits one, may only draw a warning."""


def standard_name(name: str) -> bool:
    """True when ``name`` is a keyword or a name the standard headers declare."""
    library = name in _LIBRARY_NAMES or (name[-1] in "fl" and name[:-1] in _LIBRARY_NAMES)
    return library or name in _C_KEYWORDS
