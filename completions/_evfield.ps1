
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('renetwork', 'renetwork', [CompletionResultType]::ParameterValue, 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List sessions and their state (in progress at step X, failed, done)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run a simulated station on a pseudo-terminal and print its port path')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1')
            [CompletionResult]::new('checklist', 'checklist', [CompletionResultType]::ParameterValue, 'Checklists: list them, show one, or go through one outside a session')
            [CompletionResult]::new('sticker', 'sticker', [CompletionResultType]::ParameterValue, 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'evfield;renetwork' {
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue a session where it stopped (default: the newest unfinished one)')
            [CompletionResult]::new('--answers', '--answers', [CompletionResultType]::ParameterName, 'Answers file (TOML, keys in docs/answers.md)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the network to see the station connected, in seconds')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Installer API address of the network')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Installer account')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Service port of the station (a device path; a pseudo-terminal path is accepted as given)')
            [CompletionResult]::new('--before-photo', '--before-photo', [CompletionResultType]::ParameterName, 'Photo of the station before any change')
            [CompletionResult]::new('--voltage', '--voltage', [CompletionResultType]::ParameterName, 'Multimeter reading at the supply terminals, volts')
            [CompletionResult]::new('--kit-iccid', '--kit-iccid', [CompletionResultType]::ParameterName, 'ICCID printed on the network''s SIM card')
            [CompletionResult]::new('--activation-password', '--activation-password', [CompletionResultType]::ParameterName, 'Activation password from the network''s kit (printed on the sticker; not an installer secret)')
            [CompletionResult]::new('--ocpp-url', '--ocpp-url', [CompletionResultType]::ParameterName, 'OCPP URL to write (default: from the network''s requirements)')
            [CompletionResult]::new('--charge-box-id', '--charge-box-id', [CompletionResultType]::ParameterName, 'Charge box identity to write (default: the network''s identity rule)')
            [CompletionResult]::new('--gps', '--gps', [CompletionResultType]::ParameterName, 'GPS position, LAT,LON')
            [CompletionResult]::new('--address-id', '--address-id', [CompletionResultType]::ParameterName, 'Address id from the network''s list')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Pin on the parking space, LAT,LON (default: the GPS position)')
            [CompletionResult]::new('--car-park', '--car-park', [CompletionResultType]::ParameterName, 'Car park name')
            [CompletionResult]::new('--building', '--building', [CompletionResultType]::ParameterName, 'Building name')
            [CompletionResult]::new('--floor', '--floor', [CompletionResultType]::ParameterName, 'Floor')
            [CompletionResult]::new('--restrictions', '--restrictions', [CompletionResultType]::ParameterName, 'Parking restrictions')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'Landscape photo of the station and its surroundings')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox network on 127.0.0.1, with a demo installer and built-in answers when not interactive')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the installer password from standard input (never from the command line)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sessions' {
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list finished sessions')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sim' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State file (JSON): loaded when it exists, written on every change')
            [CompletionResult]::new('--boot-delay-ms', '--boot-delay-ms', [CompletionResultType]::ParameterName, 'How long a restart keeps the station silent, in milliseconds')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Misbehave on the service port, for testing error handling')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'State file (JSON): loaded when it exists, written on every change')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages: en, nb, sv or da (default: from the locale, else en)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and the result')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
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
            [CompletionResult]::new('--dpi', '--dpi', [CompletionResultType]::ParameterName, 'Dots per inch of PNG and ZPL (Zebra printheads: 203, 300, 600)')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'evfield;help' {
            [CompletionResult]::new('renetwork', 'renetwork', [CompletionResultType]::ParameterValue, 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List sessions and their state (in progress at step X, failed, done)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run a simulated station on a pseudo-terminal and print its port path')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1')
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
            break
        }
        'evfield;help;sim' {
            break
        }
        'evfield;help;sandbox' {
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
