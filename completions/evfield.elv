
use builtin;
use str;

set edit:completion:arg-completer[evfield] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'evfield'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'evfield'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand renetwork 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
            cand sessions 'List sessions and their state (in progress at step X, failed, done)'
            cand sim 'Run a simulated station on a pseudo-terminal and print its port path'
            cand sandbox 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
            cand checklist 'Checklists: list them, show one, or go through one outside a session'
            cand sticker 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
            cand completions 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;renetwork'= {
            cand --resume 'Continue a session where it stopped (default: the newest unfinished one)'
            cand --answers 'Answers file (TOML, keys in docs/answers.md)'
            cand --set 'Give any answer as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable'
            cand --connect-timeout 'How long to wait for the network to see the station connected, in seconds'
            cand --network 'Installer API address of the network'
            cand --user 'Installer account'
            cand --port 'Service port of the station (a device path; a pseudo-terminal path is accepted as given)'
            cand --before-photo 'Photo of the station before any change'
            cand --voltage 'Multimeter reading at the supply terminals, volts'
            cand --kit-iccid 'ICCID printed on the network''s SIM card'
            cand --activation-password 'Activation password from the network''s kit (printed on the sticker; not an installer secret)'
            cand --ocpp-url 'OCPP URL to write (default: from the network''s requirements)'
            cand --charge-box-id 'Charge box identity to write (default: the network''s identity rule)'
            cand --gps 'GPS position, LAT,LON'
            cand --address-id 'Address id from the network''s list'
            cand --pin 'Pin on the parking space, LAT,LON (default: the GPS position)'
            cand --car-park 'Car park name'
            cand --building 'Building name'
            cand --floor 'Floor'
            cand --restrictions 'Parking restrictions'
            cand --photo 'Landscape photo of the station and its surroundings'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --demo 'Run against the built-in demo: a simulated station on a pseudo-terminal and a sandbox network on 127.0.0.1, with a demo installer and built-in answers when not interactive'
            cand --password-stdin 'Read the installer password from standard input (never from the command line)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sessions'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --all 'Also list finished sessions'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sim'= {
            cand --state 'State file (JSON): loaded when it exists, written on every change'
            cand --boot-delay-ms 'How long a restart keeps the station silent, in milliseconds'
            cand --fault 'Misbehave on the service port, for testing error handling'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;sandbox'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --state 'State file (JSON): loaded when it exists, written on every change'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;checklist;list'= {
            cand --manufacturer 'Only the checklists that apply to this manufacturer''s stations (with --model: that model)'
            cand --model 'model'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;show'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;run'= {
            cand --set 'Answer an item as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable'
            cand --answers 'Answers file (TOML, as for `renetwork`; docs/answers.md)'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;checklist;help'= {
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;checklist;help;list'= {
        }
        &'evfield;checklist;help;show'= {
        }
        &'evfield;checklist;help;run'= {
        }
        &'evfield;checklist;help;help'= {
        }
        &'evfield;sticker'= {
            cand --mac 'The station''s MAC, as printed on the sticker (default with --session: read from the station)'
            cand --password 'The activation password from the network''s kit (printed on the sticker; not a secret of the installer)'
            cand --template 'The network''s pinpointing URL template with {mac} and {password} (its requirements'' `pinpoint_url_template`)'
            cand --session 'Take the template, MAC and password from a session''s journal (default: the newest session), e.g. to print a lost sticker again'
            cand -o 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable'
            cand --out 'Write a file; the format comes from the extension (.svg, .png, .pdf, .zpl, .txt). Repeatable'
            cand --format 'Format printed on stdout when no --out is given (default: terminal; ascii when stdout is not a terminal)'
            cand --stock 'Label stock (see --list-stock)'
            cand --dpi 'Dots per inch of PNG and ZPL (Zebra printheads: 203, 300, 600)'
            cand --ecc 'QR error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost'
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --list-stock 'List the label stocks and exit'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;completions'= {
            cand --lang 'Language of messages: en, nb, sv or da (default: from the locale, else en)'
            cand --config 'Configuration file (default: the user''s config dir, evfield/config.toml, when present)'
            cand --data-dir 'Where sessions are kept (default: the platform''s data dir, e.g. ~/.local/share/evfield)'
            cand --json 'Print the result as one JSON document (errors as JSON on stderr)'
            cand -v 'More detail on stderr (repeat for more)'
            cand --verbose 'More detail on stderr (repeat for more)'
            cand -q 'Only errors and the result'
            cand --quiet 'Only errors and the result'
            cand --non-interactive 'Never prompt; a missing value is an error naming its flag. Automatic when stdin is not a terminal'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'evfield;help'= {
            cand renetwork 'Guided re-networking of one station, from the pre-check to a verified, pinpointed station'
            cand sessions 'List sessions and their state (in progress at step X, failed, done)'
            cand sim 'Run a simulated station on a pseudo-terminal and print its port path'
            cand sandbox 'Run the sandbox network (installer API and OCPP endpoint) on 127.0.0.1'
            cand checklist 'Checklists: list them, show one, or go through one outside a session'
            cand sticker 'Print the activation sticker: a QR code of the pinpointing URL with the MAC and the activation password beside it, for the terminal or as SVG, PNG, PDF or ZPL files'
            cand completions 'Print shell completions (bash, zsh, fish, powershell, elvish) or the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'evfield;help;renetwork'= {
        }
        &'evfield;help;sessions'= {
        }
        &'evfield;help;sim'= {
        }
        &'evfield;help;sandbox'= {
        }
        &'evfield;help;checklist'= {
            cand list 'List the checklists in use (built-in, or replaced and added from the config dir)'
            cand show 'Show one checklist''s items, their evidence and their answers keys'
            cand run 'Go through one checklist: at the terminal, or answered by --set and --answers'
        }
        &'evfield;help;checklist;list'= {
        }
        &'evfield;help;checklist;show'= {
        }
        &'evfield;help;checklist;run'= {
        }
        &'evfield;help;sticker'= {
        }
        &'evfield;help;completions'= {
        }
        &'evfield;help;help'= {
        }
    ]
    $completions[$command]
}
