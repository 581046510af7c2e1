# The one table of the platforms the Pester suite runs on: one row per platform, and each row says everything that
# differs between them, so the shared checks (Contract, Errors, Pipelines, Resume) are written once. Common.ps1 reads
# it ($SandboxPlatforms); the test files read it in BeforeDiscovery to make one Describe per row. A fifth platform is
# one more row here (and one in tests/VideoPlatforms.Tests/Harness/PlatformCase.cs).
@{
    Platforms = @(
        @{
            Provider = 'ApiVideo'
            Number = 1                               # picks distinct file contents per platform (test seeds)
            Admin = 'apivideo'                       # its name under /_sandbox/ and in the request log
            # Connect-VideoProvider parameters: Secrets become SecureStrings, Plain pass as they are, Credential a PSCredential.
            Secrets = @{ ApiKey = 'sandbox-apivideo-key' }
            Owner = @{ Property = 'account'; Value = 1 }   # the Sandbox's mark of the connected account's videos
            SeedPath = 'apivideo/seed'; SeedFixed = @{ account = 1 }; SeedPrefix = 'titlePrefix'
            # The shared contract:
            CopyTo = 'Vimeo'
            ChunkSize = 5MB                          # api.video's smallest chunk
            ChunkCount = 'StoredChunks'              # how the Sandbox shows an upload's pieces: its chunkCount
            Resume = @{ BodyMethod = 'POST'; BodyPattern = '^/videos/[^/]+/source$' }
            Privacies = 'Public', 'Private'; Refuses = @{ Privacy = 'ParameterNotSupported'; Tags = $null; Metadata = $null }
            Filters = @{ Title = $null; Tag = $null; Metadata = $null; Status = 'ParameterNotSupported'; User = 'ParameterNotSupported' }
            UploadTokens = $true; CanListTokens = $true; UploadsWithToken = $true
            Delay = @{ encodingDelayMs = 600000 }
            Raw = @{ Path = 'videos/{id}'; Property = 'videoId' }
        }
        @{
            Provider = 'Vimeo'
            Number = 2
            Admin = 'vimeo'
            Secrets = @{ AccessToken = 'sandbox-vimeo-token-1' }
            Owner = @{ Property = 'account'; Value = 1 }
            SeedPath = 'vimeo/seed'; SeedFixed = @{ account = 1 }; SeedPrefix = 'namePrefix'
            CopyTo = 'Ziggeo'
            ChunkSize = 1MB                          # the smallest tus PATCH the module sends
            ChunkCount = 'TusPatches'                # counted as PATCH requests to /tus/ in the request log
            Resume = @{ BodyMethod = 'PATCH'; BodyPattern = '^/tus/' }
            Privacies = 'Public', 'Unlisted', 'Private'; Refuses = @{ Privacy = $null; Tags = $null; Metadata = 'ParameterNotSupported' }
            Filters = @{ Title = $null; Tag = 'ParameterNotSupported'; Metadata = 'ParameterNotSupported'; Status = $null; User = 'ParameterNotSupported' }
            UploadTokens = $false
            Delay = @{ transcodeDelayMs = 600000 }
            Raw = @{ Path = 'videos/{id}'; Property = 'uri' }
        }
        @{
            Provider = 'Ziggeo'
            Number = 3
            Admin = 'ziggeo'
            Plain = @{ ApplicationToken = 'sandboxziggeoapp0000000000000001' }
            Secrets = @{ PrivateKey = 'sandbox-ziggeo-private-key' }
            Owner = @{ Property = 'region'; Value = 'default' }
            SeedPath = 'ziggeo/seed'; SeedFixed = @{ region = 'default' }; SeedPrefix = 'keyPrefix'; SeedPrefixLowerCase = $true
            CopyTo = 'BigGo'
            ChunkSize = $null                        # one signed POST per file: -ChunkSize is refused
            Privacies = @(); Refuses = @{ Privacy = 'ParameterNotSupported'; Tags = $null; Metadata = $null }
            Filters = @{ Title = 'ParameterNotSupported'; Tag = $null; Metadata = 'ParameterNotSupported'; Status = $null; User = 'ParameterNotSupported' }
            UploadTokens = $true; CanListTokens = $false
            Delay = @{ processingDelayMs = 600000 }
            Raw = @{ Path = 'v1/videos/{id}'; Property = 'token' }
        }
        @{
            Provider = 'BigGo'
            Number = 4
            Admin = 'biggo'
            Credential = @{ Parameter = 'ClientCredential'; UserName = 'sandbox-biggo-client'; Secret = 'sandbox-biggo-secret' }
            Owner = @{ Property = 'userid'; Value = 'sandbox-biggo-user' }
            SeedPath = 'biggo/seed'; SeedFixed = @{}; SeedPrefix = 'titlePrefix'    # BigGo lists 20 per page
            CopyTo = 'ApiVideo'
            ChunkSize = $null                        # one streamed multipart POST per file: -ChunkSize is refused
            Privacies = 'Public', 'Unlisted', 'Private'; Refuses = @{ Privacy = $null; Tags = 'ParameterNotSupported'; Metadata = 'ParameterNotSupported' }
            Filters = @{ Title = 'ParameterNotSupported'; Tag = 'ParameterNotSupported'; Metadata = 'ParameterNotSupported'; Status = $null; User = $null }
            UploadTokens = $false
            Delay = @{ processingDelayMs = 600000 }
            Raw = @{ Path = 'video/{id}'; Property = 'video.video_id' }
        }
    )
}
