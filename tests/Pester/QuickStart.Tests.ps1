# The README's pwsh quick start, as a user runs it: examples/Start-QuickStart.ps1 starts a Sandbox of its own, runs
# examples/quickstart.ps1 against it with nothing set by hand, and stops it again, also when the script fails.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    . "$PSScriptRoot/ChildPwsh.ps1"
    $script:Starter = Join-Path $RepositoryRoot 'examples/Start-QuickStart.ps1'

    # The address the starter reported, and whether anything still answers there.
    function Get-SandboxAddress([string[]] $Output) {
        $line = $Output | Where-Object { $_ -match 'Sandbox listening on (http://127\.0\.0\.1:\d+/)' } | Select-Object -First 1
        if ($line -match '(http://127\.0\.0\.1:\d+/)') { $Matches[1] }
    }
    function Test-Listening([string] $Address) {
        try { $null = Invoke-RestMethod -Uri "${Address}_sandbox/" -TimeoutSec 2; $true } catch { $false }
    }
}

Describe 'examples/Start-QuickStart.ps1' {
    It 'runs the quick start against a Sandbox it starts and stops' {
        # No VIDEOPLATFORMS_SANDBOX: the starter sets it; the user has nothing to set.
        $output = Invoke-ChildPwsh -Script "& '$Starter' -NoBuild" -Environment @{ VIDEOPLATFORMS_SANDBOX = $null; VIDEOPLATFORMS_MODULE = $null }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'Videos left in the account: 0'
        $output | Should -Contain 'Sandbox stopped.'
        $address = Get-SandboxAddress $output
        $address | Should -Not -BeNullOrEmpty
        $address | Should -Not -Be $SandboxRoot -Because 'it starts a Sandbox of its own'
        Test-Listening $address | Should -BeFalse
    }

    It 'stops its Sandbox when the script fails, and fails too' {
        $failing = Join-Path ([System.IO.Path]::GetTempPath()) "vp-failing-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $failing -Value "`"Sandbox at `$env:VIDEOPLATFORMS_SANDBOX`"; throw 'the runbook failed'"
        try {
            $output = Invoke-ChildPwsh -Script "& '$Starter' -NoBuild -Script '$failing'" -Environment @{ VIDEOPLATFORMS_SANDBOX = $null }
            $LASTEXITCODE | Should -Not -Be 0
            ($output -join "`n") | Should -Match 'the runbook failed'
            $address = Get-SandboxAddress $output
            $output | Should -Contain "Sandbox at $address"
            $output | Should -Contain 'Sandbox stopped.'
            Test-Listening $address | Should -BeFalse
        }
        finally {
            Remove-Item -LiteralPath $failing -ErrorAction Ignore
        }
    }
}
