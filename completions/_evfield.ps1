
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'evfield' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'evfield'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'evfield' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('renetwork', 'renetwork', [CompletionResultType]::ParameterValue, 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run a simulated station on a pseudo-terminal and print its port path')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the network''s installer API; the token is kept in the OS keyring')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the installer token (keyring, token file) and the account file')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who is logged in, at which network, and whether they are certified')
            [CompletionResult]::new('gps', 'gps', [CompletionResultType]::ParameterValue, 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed')
            [CompletionResult]::new('photo', 'photo', [CompletionResultType]::ParameterValue, 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)')
            [CompletionResult]::new('pinpoint', 'pinpoint', [CompletionResultType]::ParameterValue, 'Pinpoint a station outside a session: `pinpoint submit`')
            [CompletionResult]::new('requirements', 'requirements', [CompletionResultType]::ParameterValue, 'The network''s requirements for a station model (cached with their age for offline sites)')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Pinpoint submissions waiting for the network, and those it refused')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Send the outbox''s submissions (and their photos), each exactly once')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Show a session''s journal as a timeline: answers, values read, service-port bytes, API calls')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Session journal tools (`log verify`)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Unpack a support bundle into the data dir (imports/<session id>) and verify it')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Scripting many stations at once (`batch pinpoint FILE`)')
            [CompletionResult]::new('station', 'station', [CompletionResultType]::ParameterValue, 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)')
            [CompletionResult]::new('modem', 'modem', [CompletionResultType]::ParameterValue, 'Check the SIM and the cellular link over AT commands, with a verdict')
            [CompletionResult]::new('ocpp', 'ocpp', [CompletionResultType]::ParameterValue, 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network')
            [CompletionResult]::new('ports', 'ports', [CompletionResultType]::ParameterValue, 'Serial ports and USB devices, and which vendor profile each matches')
            [CompletionResult]::new('vendors', 'vendors', [CompletionResultType]::ParameterValue, 'Vendor profiles: list, show, decode an article number')
            [CompletionResult]::new('rfid', 'rfid', [CompletionResultType]::ParameterValue, 'RFID UIDs: hex, little-endian hex and decimal')
            [CompletionResult]::new('checklist', 'checklist', [CompletionResultType]::ParameterValue, 'Checklists: list them, show one, or go through one outside a session')
            [CompletionResult]::new('sticker', 'sticker', [CompletionResultType]::ParameterValue, 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;renetwork' {
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue a session where it stopped (default: the newest unfinished one)')
            [CompletionResult]::new('--stations', '--stations', [CompletionResultType]::ParameterName, 'With --demo: a site of this many simulated stations, one session each after the other (each with its own serial, MAC and journal), then the site''s table')
            [CompletionResult]::new('--demo-station', '--demo-station', [CompletionResultType]::ParameterName, 'Which of a demo site''s stations this session plays (set by --stations)')
            [CompletionResult]::new('--answers', '--answers', [CompletionResultType]::ParameterName, 'Answers file (TOML, keys in docs/answers.md)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the installer token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--gps-port', '--gps-port', [CompletionResultType]::ParameterName, 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Speed of the receiver''s port')
            [CompletionResult]::new('--gpsd', '--gpsd', [CompletionResultType]::ParameterName, 'Ask gpsd on this machine (default address 127.0.0.1:2947)')
            [CompletionResult]::new('--gps-timeout', '--gps-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a receiver''s stable position, in seconds')
            [CompletionResult]::new('--gps-epochs', '--gps-epochs', [CompletionResultType]::ParameterName, 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken')
            [CompletionResult]::new('--gps-radius', '--gps-radius', [CompletionResultType]::ParameterName, 'How far, in metres, each of those epochs may lie from their mean')
            [CompletionResult]::new('--gps-max-hdop', '--gps-max-hdop', [CompletionResultType]::ParameterName, 'The highest HDOP an epoch may have to count')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the network to see the station connected, in seconds')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port of the station (a device path; a pseudo-terminal path is accepted as given)')
            [CompletionResult]::new('--station-address', '--station-address', [CompletionResultType]::ParameterName, 'Network address of a station reached over Modbus TCP, HTTP or UDP (IP or host name, `:PORT` when not the profile''s usual one)')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile of the station (`evfield vendors list`). With --demo: the demo station to play (evfield-sim, openevse, wallbox, chargestorm-eva)')
            [CompletionResult]::new('--before-photo', '--before-photo', [CompletionResultType]::ParameterName, 'Photo of the station before any change')
            [CompletionResult]::new('--voltage', '--voltage', [CompletionResultType]::ParameterName, 'Multimeter reading at the supply terminals, volts')
            [CompletionResult]::new('--kit-iccid', '--kit-iccid', [CompletionResultType]::ParameterName, 'ICCID printed on the network''s SIM card')
            [CompletionResult]::new('--activation-password', '--activation-password', [CompletionResultType]::ParameterName, 'Activation password from the network''s kit (printed on the sticker; not an installer secret)')
            [CompletionResult]::new('--ocpp-url', '--ocpp-url', [CompletionResultType]::ParameterName, 'OCPP URL to write (default: from the network''s requirements)')
            [CompletionResult]::new('--charge-box-id', '--charge-box-id', [CompletionResultType]::ParameterName, 'Charge box identity to write (default: the network''s identity rule)')
            [CompletionResult]::new('--gps', '--gps', [CompletionResultType]::ParameterName, 'GPS position, LAT,LON')
            [CompletionResult]::new('--address-id', '--address-id', [CompletionResultType]::ParameterName, 'Address id from the network''s list')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address text that matches exactly one entry of the network''s list near the GPS fix')
            [CompletionResult]::new('--serial-plate', '--serial-plate', [CompletionResultType]::ParameterName, 'Serial number as printed on the type plate (compared with the station''s)')
            [CompletionResult]::new('--sticker-photo', '--sticker-photo', [CompletionResultType]::ParameterName, 'Photo of the network kit''s activation sticker: its QR code gives the activation password (and the MAC, where the session asks for it); shown and confirmed before it is used')
            [CompletionResult]::new('--sim-photo', '--sim-photo', [CompletionResultType]::ParameterName, 'Photo of the SIM card''s carrier: its barcode gives the ICCID (shown and confirmed)')
            [CompletionResult]::new('--plate-photo', '--plate-photo', [CompletionResultType]::ParameterName, 'Photo of the type plate: its code gives the serial (shown and confirmed, then compared with the station''s)')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'The site the station belongs to (a car park of many stations): its network, account, address, car park, building, floor and restrictions are taken from the site''s record and what this session answers of them is kept there for the next station')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Pin on the parking space, LAT,LON (default: the GPS position)')
            [CompletionResult]::new('--car-park', '--car-park', [CompletionResultType]::ParameterName, 'Car park name')
            [CompletionResult]::new('--building', '--building', [CompletionResultType]::ParameterName, 'Building name')
            [CompletionResult]::new('--floor', '--floor', [CompletionResultType]::ParameterName, 'Floor')
            [CompletionResult]::new('--restrictions', '--restrictions', [CompletionResultType]::ParameterName, 'Parking restrictions')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'Landscape photo of the station and its surroundings')
            [CompletionResult]::new('--phone-camera', '--phone-camera', [CompletionResultType]::ParameterName, 'At a photo prompt, also take the photo from a phone: a one-time upload page served at this address of the laptop (its Wi-Fi or hotspot address: IP, or IP:PORT), shown as a QR code beside the prompt. `--sticker-photo phone` (and `--sim-photo`, `--plate-photo`) takes that photo with the phone before the session starts')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox network on 127.0.0.1, with a demo installer and built-in answers when not interactive')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'Start a new session even when an unfinished one exists for the same station or port (without a terminal that is refused otherwise; at a terminal it is offered)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the installer password from standard input (never from the command line). Only needed when no stored token is found (see `evfield login`)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the installer token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--codes-confirmed', '--codes-confirmed', [CompletionResultType]::ParameterName, 'Use the values read from --sticker-photo, --sim-photo and --plate-photo without asking (they are still checked like typed values); needed when nobody can be asked')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sessions' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Only the stations of this site (every state), with the site''s record')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list finished and abandoned sessions')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;sessions;abandon' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is abandoned (asked at a terminal when not given)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sessions;help' {
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;sessions;help;abandon' {
            break
        }
        'evfield;sessions;help;help' {
            break
        }
        'evfield;sim' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State file (JSON): loaded when it exists, written on every change')
            [CompletionResult]::new('--boot-delay-ms', '--boot-delay-ms', [CompletionResultType]::ParameterName, 'How long a restart keeps the station silent, in milliseconds')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Misbehave on the service port, for testing error handling')
            [CompletionResult]::new('--fault-after', '--fault-after', [CompletionResultType]::ParameterName, 'Answer this many commands normally before the fault starts (a fault mid-session)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Pace the port''s bytes as a serial line at this baud rate would (8N1), e.g. 115200')
            [CompletionResult]::new('--slow-ms', '--slow-ms', [CompletionResultType]::ParameterName, 'How long `--fault slow` waits before each reply, in milliseconds')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Which vendor profile''s protocol to serve: evfield-sim (default), openevse, generic-modem, chargestorm-eva (on a pseudo-terminal), abb-terra-ac (Modbus RTU on a pseudo-terminal and Modbus TCP), bender-cc613, vestel-evc04, phoenix-ev-charge-control (Modbus TCP), go-e (HTTP) or keba-p30 (UDP), on 127.0.0.1')
            [CompletionResult]::new('--ocpp-version', '--ocpp-version', [CompletionResultType]::ParameterName, 'The OCPP version the station''s client speaks once it has a URL: 1.6 or 2.0.1')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State file (JSON): loaded when it exists, written on every change')
            [CompletionResult]::new('--security-profile', '--security-profile', [CompletionResultType]::ParameterName, 'OCPP security profile the network asks for in its requirements (1 or 2: stations must present HTTP Basic credentials on the OCPP endpoint)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;login' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else asked)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Keep the token in this file (created readable by you only) instead of the OS keyring. Without it and without a usable keyring, the token goes to <data dir>/installer-token')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (never from the command line). Without it the password is asked without echo, or taken from EVFIELD_PASSWORD')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;logout' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;whoami' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;gps' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Wait for a fix and show it: position, quality, satellites, HDOP and age')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;gps;read' {
            [CompletionResult]::new('--gps-port', '--gps-port', [CompletionResultType]::ParameterName, 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Speed of the receiver''s port')
            [CompletionResult]::new('--gpsd', '--gpsd', [CompletionResultType]::ParameterName, 'Ask gpsd on this machine (default address 127.0.0.1:2947)')
            [CompletionResult]::new('--gps-timeout', '--gps-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a receiver''s stable position, in seconds')
            [CompletionResult]::new('--gps-epochs', '--gps-epochs', [CompletionResultType]::ParameterName, 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken')
            [CompletionResult]::new('--gps-radius', '--gps-radius', [CompletionResultType]::ParameterName, 'How far, in metres, each of those epochs may lie from their mean')
            [CompletionResult]::new('--gps-max-hdop', '--gps-max-hdop', [CompletionResultType]::ParameterName, 'The highest HDOP an epoch may have to count')
            [CompletionResult]::new('--gps-photo', '--gps-photo', [CompletionResultType]::ParameterName, 'Take the position from this photo''s EXIF GPS block')
            [CompletionResult]::new('--gps', '--gps', [CompletionResultType]::ParameterName, 'The position typed by hand: LAT,LON in decimal degrees or degrees and minutes')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;gps;help' {
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Wait for a fix and show it: position, quality, satellites, HDOP and age')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;gps;help;read' {
            break
        }
        'evfield;gps;help;help' {
            break
        }
        'evfield;photo' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position')
            [CompletionResult]::new('codes', 'codes', [CompletionResultType]::ParameterValue, 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;photo;check' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Check it as the photo before work (any orientation) instead of the pinpoint photo')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;photo;codes' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;photo;receive' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'The laptop''s address on the phone''s network: IP (any free port) or IP:PORT')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the photo (atomically; its folder must exist)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this many seconds without an accepted photo')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Check it as the photo before work (any orientation) instead of the pinpoint photo')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;photo;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position')
            [CompletionResult]::new('codes', 'codes', [CompletionResultType]::ParameterValue, 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;photo;help;check' {
            break
        }
        'evfield;photo;help;codes' {
            break
        }
        'evfield;photo;help;receive' {
            break
        }
        'evfield;photo;help;help' {
            break
        }
        'evfield;pinpoint' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;pinpoint;submit' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the values from a TOML file (keys as the flags, with `_`: `mac`, `serial_again`, ...); flags override it')
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'MAC from the activation sticker, in any common notation')
            [CompletionResult]::new('--activation-password', '--activation-password', [CompletionResultType]::ParameterName, 'Activation password from the sticker (printed on it; not an installer secret)')
            [CompletionResult]::new('--manufacturer', '--manufacturer', [CompletionResultType]::ParameterName, 'manufacturer')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'model')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Serial number from the manufacturer''s type plate')
            [CompletionResult]::new('--serial-again', '--serial-again', [CompletionResultType]::ParameterName, 'The serial typed a second time (no station read exists outside a session)')
            [CompletionResult]::new('--firmware', '--firmware', [CompletionResultType]::ParameterName, 'firmware')
            [CompletionResult]::new('--charge-box-id', '--charge-box-id', [CompletionResultType]::ParameterName, 'Charge box identity (default: the network''s identity rule applied)')
            [CompletionResult]::new('--gps', '--gps', [CompletionResultType]::ParameterName, 'Where you stand: LAT,LON in decimal degrees or degrees and minutes')
            [CompletionResult]::new('--address-id', '--address-id', [CompletionResultType]::ParameterName, 'Address id from the network''s list')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address text that must match exactly one entry of the network''s list near the GPS fix')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Pin on the parking space, LAT,LON (default: the GPS fix)')
            [CompletionResult]::new('--car-park', '--car-park', [CompletionResultType]::ParameterName, 'car-park')
            [CompletionResult]::new('--building', '--building', [CompletionResultType]::ParameterName, 'building')
            [CompletionResult]::new('--floor', '--floor', [CompletionResultType]::ParameterName, 'floor')
            [CompletionResult]::new('--restrictions', '--restrictions', [CompletionResultType]::ParameterName, 'restrictions')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'Landscape photo of the station and its surroundings (JPEG or PNG)')
            [CompletionResult]::new('--gps-port', '--gps-port', [CompletionResultType]::ParameterName, 'Serial port of an NMEA 0183 GPS receiver (e.g. /dev/ttyACM0, COM4)')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Speed of the receiver''s port')
            [CompletionResult]::new('--gpsd', '--gpsd', [CompletionResultType]::ParameterName, 'Ask gpsd on this machine (default address 127.0.0.1:2947)')
            [CompletionResult]::new('--gps-timeout', '--gps-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a receiver''s stable position, in seconds')
            [CompletionResult]::new('--gps-epochs', '--gps-epochs', [CompletionResultType]::ParameterName, 'How many consecutive epochs (1 a second on most receivers) must agree before their mean is taken')
            [CompletionResult]::new('--gps-radius', '--gps-radius', [CompletionResultType]::ParameterName, 'How far, in metres, each of those epochs may lie from their mean')
            [CompletionResult]::new('--gps-max-hdop', '--gps-max-hdop', [CompletionResultType]::ParameterName, 'The highest HDOP an epoch may have to count')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--confirm-serial', '--confirm-serial', [CompletionResultType]::ParameterName, 'Confirm the serial was checked against the type plate: it cannot be changed after submission')
            [CompletionResult]::new('--confirm-pin-distance', '--confirm-pin-distance', [CompletionResultType]::ParameterName, 'Confirm a pin more than 150 m from the chosen address')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Do not wait for the network: put the submission in the outbox for `evfield sync`')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;pinpoint;help' {
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;pinpoint;help;submit' {
            break
        }
        'evfield;pinpoint;help;help' {
            break
        }
        'evfield;requirements' {
            [CompletionResult]::new('--manufacturer', '--manufacturer', [CompletionResultType]::ParameterName, 'Manufacturer as on the type plate (without it, the cached requirements are listed)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model as on the type plate')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not ask the network; show what the cache holds')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;outbox' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the submissions waiting to be sent, and those the network refused (with the reason)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;outbox;list' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list the submissions already accepted')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;outbox;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the submissions waiting to be sent, and those the network refused (with the reason)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;outbox;help;list' {
            break
        }
        'evfield;outbox;help;help' {
            break
        }
        'evfield;sync' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Keep trying while the network is unreachable or busy, for at most this many seconds')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--retry-failed', '--retry-failed', [CompletionResultType]::ParameterName, 'Send refused entries again too (after their cause was fixed, e.g. a certification)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;replay' {
            [CompletionResult]::new('--phase', '--phase', [CompletionResultType]::ParameterName, 'Only these phases (account, precheck, before, sim, commission, labels, pinpoint, verify, session); repeatable or comma-separated')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only these kinds of event (answer, fact, traffic, api_call, step_failed, ...; aliases api, asked, read, port); repeatable or comma-separated')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events from this time on: RFC 3339, a UTC clock time (10:15, 10:15:30), or an offset from the session''s start (+90s, +2m, +1h30m)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only events whose text matches this regular expression (`(?i)` for any case)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'With --play: faster (2) or slower (0.5) than it happened')
            [CompletionResult]::new('--max-gap', '--max-gap', [CompletionResultType]::ParameterName, 'With --play: the longest pause between two chunks, in seconds (before --speed)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep waiting for new events of a running session; ends at `session_done` or Ctrl-C')
            [CompletionResult]::new('--play', '--play', [CompletionResultType]::ParameterName, 'Re-show only the service-port traffic, with its original timing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;log' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;log;verify' {
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--against-network', '--against-network', [CompletionResultType]::ParameterName, 'Also compare it with the chain heads the network recorded for the session (sent with the pinpoint submission and at the end of the session): any difference, or no record at all, is a failure (exit code 6)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;log;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;log;help;verify' {
            break
        }
        'evfield;log;help;help' {
            break
        }
        'evfield;export' {
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Export every station''s session of this site in one bundle (docs/sites.md), instead of one session')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the bundle (default: evfield-<session id>.tar.gz, or evfield-site-<site>.tar.gz, in the current folder)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the bundle (default: evfield-<session id>.tar.gz, or evfield-site-<site>.tar.gz, in the current folder)')
            [CompletionResult]::new('--mask', '--mask', [CompletionResultType]::ParameterName, 'Also mask the answers of this key (e.g. pinpoint.restrictions); repeatable. The activation password and the site access notes are always masked')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;import' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an earlier import of the same session from another bundle')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;batch' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('pinpoint', 'pinpoint', [CompletionResultType]::ParameterValue, 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;batch;pinpoint' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format (default: from its extension, else its first character)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s). Its token is the one `evfield login` kept; without one, the password (from --password-stdin or EVFIELD_PASSWORD) logs in for this run')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Submissions in flight at once (1 to 64)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Submissions in flight at once (1 to 64)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Submissions started per second at most (0: no limit)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Run-state file (default: <data dir>/batch/<file name>-<hash of its path>.state.jsonl)')
            [CompletionResult]::new('--attempts', '--attempts', [CompletionResultType]::ParameterName, 'Attempts per submission, the first included')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Delay before the first retry (doubles each time), in milliseconds')
            [CompletionResult]::new('--max-retry-delay', '--max-retry-delay', [CompletionResultType]::ParameterName, 'Longest delay between two attempts (Retry-After included), in milliseconds')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit of one attempt, in seconds')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Only check the rows (locally, nothing is sent)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the installer password from standard input (never from the command line)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;batch;help' {
            [CompletionResult]::new('pinpoint', 'pinpoint', [CompletionResultType]::ParameterValue, 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;batch;help;pinpoint' {
            break
        }
        'evfield;batch;help;help' {
            break
        }
        'evfield;station' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors')
            [CompletionResult]::new('ocpp', 'ocpp', [CompletionResultType]::ParameterValue, 'Read or write the station''s OCPP settings')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The station''s OCPP connection as the network sees it: connecting, connected or error')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;station;info' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU')
            [CompletionResult]::new('--unit-id', '--unit-id', [CompletionResultType]::ParameterName, 'Modbus unit id (slave address) when the station does not use its profile''s')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port')
            [CompletionResult]::new('--given', '--given', [CompletionResultType]::ParameterName, 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;station;ocpp' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read the OCPP settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;station;ocpp;get' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU')
            [CompletionResult]::new('--unit-id', '--unit-id', [CompletionResultType]::ParameterName, 'Modbus unit id (slave address) when the station does not use its profile''s')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port')
            [CompletionResult]::new('--given', '--given', [CompletionResultType]::ParameterName, 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;station;ocpp;set' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU')
            [CompletionResult]::new('--unit-id', '--unit-id', [CompletionResultType]::ParameterName, 'Modbus unit id (slave address) when the station does not use its profile''s')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port')
            [CompletionResult]::new('--given', '--given', [CompletionResultType]::ParameterName, 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Central-system URL (ws:// or wss://), without the charge box identity')
            [CompletionResult]::new('--charge-box-id', '--charge-box-id', [CompletionResultType]::ParameterName, 'Charge box identity')
            [CompletionResult]::new('--security-profile', '--security-profile', [CompletionResultType]::ParameterName, 'OCPP security profile to write (0 none, 1 basic auth, 2 TLS + basic auth, 3 TLS + client certificate), where the station has one. Not given: left as it is')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--authorization-key-stdin', '--authorization-key-stdin', [CompletionResultType]::ParameterName, 'Read the authorization key (the HTTP Basic password of profiles 1 and 2) from the first line of standard input. Without it, EVFIELD_OCPP_AUTH_KEY is used when set. Never give a key on the command line')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write even when the lint finds problems (warnings are always shown)')
            [CompletionResult]::new('--no-reboot', '--no-reboot', [CompletionResultType]::ParameterName, 'Do not restart the station after writing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;station;ocpp;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read the OCPP settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;station;ocpp;help;get' {
            break
        }
        'evfield;station;ocpp;help;set' {
            break
        }
        'evfield;station;ocpp;help;help' {
            break
        }
        'evfield;station;status' {
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'Find the station by its MAC (any notation)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Poll until the station is connected, for at most this many seconds (0: look once)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network (default: the configuration file''s `network`, else the network of the last `evfield login`)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account (default: the configuration file''s `user`, else the last login''s)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Use the token in this file (readable by its owner only) instead of the one `evfield login` kept; an error when it cannot be read')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token from standard input instead of the one `evfield login` kept')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;station;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors')
            [CompletionResult]::new('ocpp', 'ocpp', [CompletionResultType]::ParameterValue, 'Read or write the station''s OCPP settings')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The station''s OCPP connection as the network sees it: connecting, connected or error')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;station;help;info' {
            break
        }
        'evfield;station;help;ocpp' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read the OCPP settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so')
            break
        }
        'evfield;station;help;ocpp;get' {
            break
        }
        'evfield;station;help;ocpp;set' {
            break
        }
        'evfield;station;help;status' {
            break
        }
        'evfield;station;help;help' {
            break
        }
        'evfield;modem' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;modem;check' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port (a device path; a pseudo-terminal path is accepted as given). Default: the remembered port, or the one port whose USB id a profile knows (`evfield ports`)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'The station''s network address, for stations reached over Modbus TCP, HTTP or UDP on their service Ethernet port or Wi-Fi: IP or host name, with `:PORT` when it is not the profile''s usual one. For Modbus profiles it chooses Modbus TCP over RTU')
            [CompletionResult]::new('--unit-id', '--unit-id', [CompletionResultType]::ParameterName, 'Modbus unit id (slave address) when the station does not use its profile''s')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile id (`evfield vendors list`). Default: the profile whose USB id matches the port')
            [CompletionResult]::new('--given', '--given', [CompletionResultType]::ParameterName, 'A value the station cannot report over its port, as VAR=VALUE (e.g. `--given mac=24:0A:C4:11:22:33` for OpenEVSE); repeatable')
            [CompletionResult]::new('--apn', '--apn', [CompletionResultType]::ParameterName, 'The network''s APN: a different or missing APN in context 1 is reported')
            [CompletionResult]::new('--set-apn', '--set-apn', [CompletionResultType]::ParameterName, 'Set this APN in context 1 before checking (`AT+CGDCONT=1,"IP","APN"`)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;modem;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;modem;help;check' {
            break
        }
        'evfield;modem;help;help' {
            break
        }
        'evfield;ocpp' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;ocpp;probe' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Where to listen, IP:PORT: the laptop''s address on the station''s network, or 0.0.0.0 for all interfaces (PORT 0 lets the system choose). Point the station at ws://IP:PORT/')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for the station to connect, in seconds')
            [CompletionResult]::new('--boot-wait', '--boot-wait', [CompletionResultType]::ParameterName, 'How long to wait for its BootNotification once connected, in seconds')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'How long the station has to answer each call, in seconds')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Read this 1.6 key or 2.0.1 Component.Variable only (repeatable; default: all)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Change KEY=VALUE (1.6 ChangeConfiguration, 2.0.1 SetVariables), then read it back (repeatable, in order)')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Reset the station afterwards and wait for it to boot again')
            [CompletionResult]::new('--ocpp-version', '--ocpp-version', [CompletionResultType]::ParameterName, 'The OCPP version to speak: 1.6 (subprotocol ocpp1.6), 2.0.1 (ocpp2.0.1), or auto')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;ocpp;help' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;ocpp;help;probe' {
            break
        }
        'evfield;ocpp;help;help' {
            break
        }
        'evfield;ports' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--usb', '--usb', [CompletionResultType]::ParameterName, 'Also list every USB device, not only serial ports')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;vendors' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The vendor profiles: built in and from the user''s folder')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile in full: models, minimum firmware, service port, steps')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;vendors;list' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;vendors;show' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;vendors;decode' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Vendor profile id (default: every profile with article numbers is tried)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;vendors;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The vendor profiles: built in and from the user''s folder')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile in full: models, minimum firmware, service port, steps')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;vendors;help;list' {
            break
        }
        'evfield;vendors;help;show' {
            break
        }
        'evfield;vendors;help;decode' {
            break
        }
        'evfield;vendors;help;help' {
            break
        }
        'evfield;rfid' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Show a UID as hex, little-endian hex and decimal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;rfid;convert' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'How the UID is written')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;rfid;help' {
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Show a UID as hex, little-endian hex and decimal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;rfid;help;convert' {
            break
        }
        'evfield;rfid;help;help' {
            break
        }
        'evfield;checklist' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the checklists in use (built-in, or replaced and added from the config dir)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one checklist''s items, their evidence and their answers keys')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Go through one checklist: at the terminal, or answered by --set and --answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;checklist;list' {
            [CompletionResult]::new('--manufacturer', '--manufacturer', [CompletionResultType]::ParameterName, 'Only the checklists that apply to this manufacturer''s stations (with --model: that model)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'model')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;checklist;show' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;checklist;run' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Answer an item as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable')
            [CompletionResult]::new('--answers', '--answers', [CompletionResultType]::ParameterName, 'Answers file (TOML, as for `renetwork`; docs/answers.md)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;checklist;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the checklists in use (built-in, or replaced and added from the config dir)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one checklist''s items, their evidence and their answers keys')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Go through one checklist: at the terminal, or answered by --set and --answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;checklist;help;list' {
            break
        }
        'evfield;checklist;help;show' {
            break
        }
        'evfield;checklist;help;run' {
            break
        }
        'evfield;checklist;help;help' {
            break
        }
        'evfield;sticker' {
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'The station''s MAC, as printed on the sticker (default with --session: read from the station)')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The activation password from the network''s kit (printed on the sticker; not a secret of the installer)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'The network''s pinpointing URL template with {mac} and {password} (its requirements'' `pinpoint_url_template`)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Take the template, MAC and password from a session''s journal (default: the newest session), e.g. to print a lost sticker again')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format printed on stdout when no --out is given (default: terminal; ascii when stdout is not a terminal)')
            [CompletionResult]::new('--stock', '--stock', [CompletionResultType]::ParameterName, 'Label stock (see --list-stock)')
            [CompletionResult]::new('--dpi', '--dpi', [CompletionResultType]::ParameterName, 'Dots per inch of the printer: PNG and ZPL are drawn in its dots, PDF modules are whole dots of it (Zebra printheads: 203, 300, 600)')
            [CompletionResult]::new('--ecc', '--ecc', [CompletionResultType]::ParameterName, 'QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--list-stock', '--list-stock', [CompletionResultType]::ParameterName, 'List the label stocks and exit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;completions' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('--experimental', '--experimental', [CompletionResultType]::ParameterName, 'Also run a station''s service-port protocol that no source documents (evfield''s own model of it, marked `experimental` in its vendor profile: the ChargeStorm EVA console)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;help' {
            [CompletionResult]::new('renetwork', 'renetwork', [CompletionResultType]::ParameterValue, 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List sessions and their state (in progress at step X, failed, done, abandoned); `sessions abandon ID` gives one up')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run a simulated station on a pseudo-terminal and print its port path')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to the network''s installer API; the token is kept in the OS keyring')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the installer token (keyring, token file) and the account file')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who is logged in, at which network, and whether they are certified')
            [CompletionResult]::new('gps', 'gps', [CompletionResultType]::ParameterValue, 'Read a GPS position: NMEA receiver, gpsd, photo EXIF or typed')
            [CompletionResult]::new('photo', 'photo', [CompletionResultType]::ParameterValue, 'Check a photo for pinpointing (landscape, resolution, upload size, EXIF)')
            [CompletionResult]::new('pinpoint', 'pinpoint', [CompletionResultType]::ParameterValue, 'Pinpoint a station outside a session: `pinpoint submit`')
            [CompletionResult]::new('requirements', 'requirements', [CompletionResultType]::ParameterValue, 'The network''s requirements for a station model (cached with their age for offline sites)')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Pinpoint submissions waiting for the network, and those it refused')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Send the outbox''s submissions (and their photos), each exactly once')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Show a session''s journal as a timeline: answers, values read, service-port bytes, API calls')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Session journal tools (`log verify`)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Pack a session into one support bundle (.tar.gz), secrets masked (activation password, site access notes)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Unpack a support bundle into the data dir (imports/<session id>) and verify it')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Scripting many stations at once (`batch pinpoint FILE`)')
            [CompletionResult]::new('station', 'station', [CompletionResultType]::ParameterValue, 'The station over its service port (identity, firmware, state, OCPP settings), and as the network sees it (`station status`)')
            [CompletionResult]::new('modem', 'modem', [CompletionResultType]::ParameterValue, 'Check the SIM and the cellular link over AT commands, with a verdict')
            [CompletionResult]::new('ocpp', 'ocpp', [CompletionResultType]::ParameterValue, 'A temporary OCPP 1.6J central system on this laptop (`ocpp probe`): identify and configure a station over OCPP before it is pointed at the network')
            [CompletionResult]::new('ports', 'ports', [CompletionResultType]::ParameterValue, 'Serial ports and USB devices, and which vendor profile each matches')
            [CompletionResult]::new('vendors', 'vendors', [CompletionResultType]::ParameterValue, 'Vendor profiles: list, show, decode an article number')
            [CompletionResult]::new('rfid', 'rfid', [CompletionResultType]::ParameterValue, 'RFID UIDs: hex, little-endian hex and decimal')
            [CompletionResult]::new('checklist', 'checklist', [CompletionResultType]::ParameterValue, 'Checklists: list them, show one, or go through one outside a session')
            [CompletionResult]::new('sticker', 'sticker', [CompletionResultType]::ParameterValue, 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;help;renetwork' {
            break
        }
        'evfield;help;sessions' {
            [CompletionResult]::new('abandon', 'abandon', [CompletionResultType]::ParameterValue, 'Give up an unfinished session: the reason is journaled, its files are kept for support, and it is never resumed')
            break
        }
        'evfield;help;sessions;abandon' {
            break
        }
        'evfield;help;sim' {
            break
        }
        'evfield;help;sandbox' {
            break
        }
        'evfield;help;login' {
            break
        }
        'evfield;help;logout' {
            break
        }
        'evfield;help;whoami' {
            break
        }
        'evfield;help;gps' {
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Wait for a fix and show it: position, quality, satellites, HDOP and age')
            break
        }
        'evfield;help;gps;read' {
            break
        }
        'evfield;help;photo' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a photo: decodes completely, landscape after the EXIF orientation, minimum resolution, upload size; shows its EXIF time and GPS position')
            [CompletionResult]::new('codes', 'codes', [CompletionResultType]::ParameterValue, 'List the codes in a photo (QR, DataMatrix, Code 128 and other barcodes) and what each is: an activation sticker (MAC and password, never shown), an ICCID, a MAC, or text')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one photo from a phone: serve a one-time upload page at ADDR (its URL and QR code are shown), wait for the first upload that passes the photo checks, and write it to FILE unchanged (EXIF kept)')
            break
        }
        'evfield;help;photo;check' {
            break
        }
        'evfield;help;photo;codes' {
            break
        }
        'evfield;help;photo;receive' {
            break
        }
        'evfield;help;pinpoint' {
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Submit a station''s identity and place to the network, exactly once (queued in the outbox when the network cannot be reached)')
            break
        }
        'evfield;help;pinpoint;submit' {
            break
        }
        'evfield;help;requirements' {
            break
        }
        'evfield;help;outbox' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the submissions waiting to be sent, and those the network refused (with the reason)')
            break
        }
        'evfield;help;outbox;list' {
            break
        }
        'evfield;help;sync' {
            break
        }
        'evfield;help;replay' {
            break
        }
        'evfield;help;log' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a journal''s schema and hash chain and name the first bad event. Exit code 0: valid, 6: damaged or tampered (incl. a cut-short last line), 8: unreadable or not a journal')
            break
        }
        'evfield;help;log;verify' {
            break
        }
        'evfield;help;export' {
            break
        }
        'evfield;help;import' {
            break
        }
        'evfield;help;batch' {
            [CompletionResult]::new('pinpoint', 'pinpoint', [CompletionResultType]::ParameterValue, 'Pinpoint many stations from a CSV or JSON Lines file, one station a row (columns in docs/batch.md). Every row is checked first; a rerun sends only rows not yet accepted')
            break
        }
        'evfield;help;batch;pinpoint' {
            break
        }
        'evfield;help;station' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Identity, firmware against the manufacturer''s minimum, state, OCPP settings and errors')
            [CompletionResult]::new('ocpp', 'ocpp', [CompletionResultType]::ParameterValue, 'Read or write the station''s OCPP settings')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The station''s OCPP connection as the network sees it: connecting, connected or error')
            break
        }
        'evfield;help;station;info' {
            break
        }
        'evfield;help;station;ocpp' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Read the OCPP settings')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Lint, write, read back and compare the OCPP settings, then restart when the profile says so')
            break
        }
        'evfield;help;station;ocpp;get' {
            break
        }
        'evfield;help;station;ocpp;set' {
            break
        }
        'evfield;help;station;status' {
            break
        }
        'evfield;help;modem' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'PIN state, ICCID (Luhn-checked), registration, signal (dBm and bars), operator, APN and the next thing to try. `--vendor` defaults to `generic-modem` (the modem''s own AT port)')
            break
        }
        'evfield;help;modem;check' {
            break
        }
        'evfield;help;ocpp' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Run a temporary OCPP central system (1.6J or 2.0.1) on this laptop: wait for the station, read its BootNotification and configuration, change settings and reset it if asked, and print its identity and configuration')
            break
        }
        'evfield;help;ocpp;probe' {
            break
        }
        'evfield;help;ports' {
            break
        }
        'evfield;help;vendors' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The vendor profiles: built in and from the user''s folder')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile in full: models, minimum firmware, service port, steps')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Decode an article number (e.g. Wallbox `PLP1-0-2-4-9-002`) and say whether OCPP is fitted')
            break
        }
        'evfield;help;vendors;list' {
            break
        }
        'evfield;help;vendors;show' {
            break
        }
        'evfield;help;vendors;decode' {
            break
        }
        'evfield;help;rfid' {
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Show a UID as hex, little-endian hex and decimal')
            break
        }
        'evfield;help;rfid;convert' {
            break
        }
        'evfield;help;checklist' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the checklists in use (built-in, or replaced and added from the config dir)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one checklist''s items, their evidence and their answers keys')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Go through one checklist: at the terminal, or answered by --set and --answers')
            break
        }
        'evfield;help;checklist;list' {
            break
        }
        'evfield;help;checklist;show' {
            break
        }
        'evfield;help;checklist;run' {
            break
        }
        'evfield;help;sticker' {
            break
        }
        'evfield;help;completions' {
            break
        }
        'evfield;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
