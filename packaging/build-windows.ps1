# Builds the Windows one-folder bundle of btsdesk (dist\btsdesk\btsdesk.exe) from a clone, with
# the same spec as Linux (packaging\btsdesk.spec), then runs the bundle's --self-test.
# NOT RUN on the project's machines (they are Linux): see packaging\README.md.
#
# Needs: Windows 10 or 11 (64 bits), Python 3.11 (python.org installer, "py" launcher), Git.
# No admin rights needed. From the root of the clone, in PowerShell:
#
#     powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "btsdesk : échec de l'étape « $What » (code $LASTEXITCODE)" }
}

# 1. Python 3.11 and a virtual environment with the pinned packages (pyproject.toml: the
#    application, the "test" and "bundle" extras; PyInstaller is pinned in "bundle").
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Invoke-Checked "environnement virtuel" { py -3.11 -m venv .venv }
}
$python = Resolve-Path ".venv\Scripts\python.exe"
Invoke-Checked "installation des paquets" {
    & $python -m pip install --quiet --disable-pip-version-check -e ".[test,bundle]"
}

# 2. The bundle, from scratch.
foreach ($folder in "build\btsdesk", "dist\btsdesk") {
    if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
}
Invoke-Checked "PyInstaller" {
    & $python -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build packaging\btsdesk.spec
}

# 3. The bundle checks itself: demo session, every result, one convocation PDF.
$env:QT_QPA_PLATFORM = "offscreen"
# btsdesk-console.exe: the same program with a console, for the commands and their output
# (btsdesk.exe, without a console, is the one for the window).
Invoke-Checked "autotest du paquet" { & "dist\btsdesk\btsdesk-console.exe" --self-test }
Remove-Item Env:\QT_QPA_PLATFORM

# 4. A shortcut in the user's Start menu (no admin rights), opening the window.
$bundle = Resolve-Path "dist\btsdesk"
$programs = [Environment]::GetFolderPath("Programs")
$shell = New-Object -ComObject WScript.Shell
$shortcut = $shell.CreateShortcut((Join-Path $programs "btsdesk.lnk"))
$shortcut.TargetPath = Join-Path $bundle "btsdesk.exe"
$shortcut.WorkingDirectory = "$bundle"
$shortcut.Description = "Salle de jury du BTS : notes, délibération, épreuves de contrôle"
$shortcut.Save()

$size = (Get-ChildItem -Recurse $bundle | Measure-Object -Property Length -Sum).Sum / 1MB
$message = "btsdesk : paquet construit dans dist\btsdesk\ ({0:N0} Mo), raccourci dans le menu Démarrer"
Write-Host ($message -f $size)
