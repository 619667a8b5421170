package org.coredev.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A compiled program in IR: functions, data, and the RPC services its code calls. */
public final class IrModule {
    public final List<Function> functions = new ArrayList<>();
    public final List<DataObject> data = new ArrayList<>();
    /** RPC service number to host function name (what `coredev run` needs to name print). */
    public final Map<Integer, String> rpcServices = new TreeMap<>();
    /** Ids of the program's own exception classes (the runtime knows only the preallocated ones). */
    public final Map<Integer, String> exceptionNames = new TreeMap<>();
}
