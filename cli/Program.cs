// Entry point of the codezero CLI: splits off guest arguments, parses verbs, maps failures to exit statuses.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using CommandLine;
using CommandLine.Text;
using Codezero.Cli.Options;

namespace Codezero.Cli;

public static class Program
{
    /// <summary>The verbs whose Ctrl-C stops the run and still prints its report (docs/cli.md).</summary>
    private static readonly string[] s_interruptibleVerbs = ["boot", "kernel"];

    // CommandLineParser finds options by reflection; these keep the option classes whole when trimming.
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(GuestOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(RunOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CompareQemuOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(KernelRunOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BootOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InspectOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BenchOptions))]
    public static int Main(string[] args)
    {
        if (args.Length > 0 && Array.IndexOf(s_interruptibleVerbs, args[0]) >= 0)
        {
            CtrlC.Catch(); // first of all: a Ctrl-C during start-up or boot must stop the run, not the process
        }
        try
        {
            return Dispatch(args);
        }
        catch (CliFailure failure)
        {
            return Fail(failure.Status, failure.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The last line of defence: a file or console failure no check foresaw (the checks are in InputFile, OutputFile).
            return Fail(ExitStatus.IoError, "input/output error: " + e.Message.ReplaceLineEndings(" "));
        }
        catch (Exception e)
        {
            return Fail(ExitStatus.InternalError, $"internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static int Fail(int status, string message)
    {
        try
        {
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // stdout is gone (a closed pipe): the message still goes to stderr
        }
        Console.Error.WriteLine("codezero: " + message);
        return status;
    }

    private static int Dispatch(string[] args)
    {
        (string[] parserArgs, string[] guestArgs) = ArgumentSplitter.Split(args);
        parserArgs = HelpRequest.Rewrite(parserArgs);
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.AutoHelp = true;
            settings.AutoVersion = true;
            settings.EnableDashDash = true;
        });
        ParserResult<object> result = parser.ParseArguments(parserArgs, Verbs.Types);
        if (result is Parsed<object> parsed)
        {
            switch (parsed.Value)
            {
                case RunOptions run:
                    return RunCommand.Execute(run, guestArgs);
                case CompareQemuOptions compare:
                    return CompareQemuCommand.Execute(compare, guestArgs);
                case KernelRunOptions kernel:
                    return KernelCommand.Execute(kernel);
                case BootOptions boot:
                    return Unexpected(typeof(BootOptions), boot.Unexpected) ?? BootCommand.Execute(boot);
                case InspectOptions inspect:
                    return Unexpected(typeof(InspectOptions), inspect.Unexpected) ?? InspectCommand.Execute(inspect);
                case BenchOptions bench:
                    return Unexpected(typeof(BenchOptions), bench.Unexpected) ?? BenchCommand.Execute(bench);
            }
        }
        return ReportParseErrors(result, ((NotParsed<object>)result).Errors);
    }

    /// <summary>A usage error (64) for positional arguments after the one the verb takes, or null when there are none.</summary>
    private static int? Unexpected(Type verb, IEnumerable<string> extra)
    {
        foreach (string argument in extra)
        {
            return UsageErrors.Report(verb, [$"unexpected argument '{argument}' ({Verbs.Name(verb)} takes one {Verbs.Argument(verb)})"]);
        }
        return null;
    }

    private static int ReportParseErrors(ParserResult<object> result, IEnumerable<Error> errors)
    {
        bool requested = false;
        foreach (Error error in errors)
        {
            if (error.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError)
            {
                requested = true;
            }
        }
        if (requested && IsVersion(errors))
        {
            Console.Out.WriteLine(HeadingInfo.Default.ToString());
            return 0;
        }
        if (requested)
        {
            HelpText help = HelpText.AutoBuild(result, h =>
            {
                h.Heading = "codezero: a Codezero-style container microkernel on an emulated vexpress-a9 (Cortex-A9) board";
                h.Copyright = "usage: codezero boot|inspect <manifest>, codezero kernel <program.elf>..., "
                    + "codezero run|compare-qemu [options] <elf> [guest args...], codezero bench ipc|thumb";
                h.AdditionalNewLineAfterOption = false;
                return h;
            });
            Console.Out.WriteLine(help.ToString());
            return 0;
        }
        return UsageErrors.Report(result.TypeInfo.Current, errors);
    }

    private static bool IsVersion(IEnumerable<Error> errors)
    {
        foreach (Error error in errors)
        {
            if (error.Tag == ErrorType.VersionRequestedError)
            {
                return true;
            }
        }
        return false;
    }
}
