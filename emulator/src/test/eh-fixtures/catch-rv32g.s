	.text
	.attribute	4, 16
	.attribute	5, "rv32i2p0_m2p0_a2p0_f2p0_d2p0"
	.file	"catch.cpp"
	.globl	inner                           # -- Begin function inner
	.p2align	2
	.type	inner,@function
inner:                                  # @inner
.Lfunc_begin0:
	.cfi_startproc
	.cfi_personality 155, DW.ref.__gxx_personality_v0
	.cfi_lsda 27, .Lexception0
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	sw	s0, 8(sp)                       # 4-byte Folded Spill
	sw	s1, 4(sp)                       # 4-byte Folded Spill
	.cfi_offset ra, -4
	.cfi_offset s0, -8
	.cfi_offset s1, -12
	mv	s0, a0
	addi	s1, a0, 100
.Ltmp0:
	call	kernel_raise@plt
.Ltmp1:
# %bb.1:
.Ltmp6:
	mv	a0, s1
	call	note@plt
.Ltmp7:
# %bb.2:
	addi	a0, s0, 1
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	lw	s0, 8(sp)                       # 4-byte Folded Reload
	lw	s1, 4(sp)                       # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.LBB0_3:
.Ltmp8:
	call	__clang_call_terminate
.LBB0_4:
.Ltmp2:
	mv	s0, a0
.Ltmp3:
	mv	a0, s1
	call	note@plt
.Ltmp4:
# %bb.5:
	mv	a0, s0
	call	_Unwind_Resume@plt
.LBB0_6:
.Ltmp5:
	call	__clang_call_terminate
.Lfunc_end0:
	.size	inner, .Lfunc_end0-inner
	.cfi_endproc
	.section	.gcc_except_table,"a",@progbits
	.p2align	2
GCC_except_table0:
.Lexception0:
	.byte	255                             # @LPStart Encoding = omit
	.byte	155                             # @TType Encoding = indirect pcrel sdata4
	.uleb128 .Lttbase0-.Lttbaseref0
.Lttbaseref0:
	.byte	3                               # Call site Encoding = udata4
	.uleb128 .Lcst_end0-.Lcst_begin0
.Lcst_begin0:
	.word	.Ltmp0-.Lfunc_begin0            # >> Call Site 1 <<
	.word	.Ltmp1-.Ltmp0                   #   Call between .Ltmp0 and .Ltmp1
	.word	.Ltmp2-.Lfunc_begin0            #     jumps to .Ltmp2
	.byte	0                               #   On action: cleanup
	.word	.Ltmp6-.Lfunc_begin0            # >> Call Site 2 <<
	.word	.Ltmp7-.Ltmp6                   #   Call between .Ltmp6 and .Ltmp7
	.word	.Ltmp8-.Lfunc_begin0            #     jumps to .Ltmp8
	.byte	1                               #   On action: 1
	.word	.Ltmp3-.Lfunc_begin0            # >> Call Site 3 <<
	.word	.Ltmp4-.Ltmp3                   #   Call between .Ltmp3 and .Ltmp4
	.word	.Ltmp5-.Lfunc_begin0            #     jumps to .Ltmp5
	.byte	1                               #   On action: 1
	.word	.Ltmp4-.Lfunc_begin0            # >> Call Site 4 <<
	.word	.Lfunc_end0-.Ltmp4              #   Call between .Ltmp4 and .Lfunc_end0
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
.Lcst_end0:
	.byte	1                               # >> Action Record 1 <<
                                        #   Catch TypeInfo 1
	.byte	0                               #   No further actions
	.p2align	2
                                        # >> Catch TypeInfos <<
	.word	0                               # TypeInfo 1
.Lttbase0:
	.p2align	2
                                        # -- End function
	.text
	.globl	catch_int                       # -- Begin function catch_int
	.p2align	2
	.type	catch_int,@function
catch_int:                              # @catch_int
.Lfunc_begin1:
	.cfi_startproc
	.cfi_personality 155, DW.ref.__gxx_personality_v0
	.cfi_lsda 27, .Lexception1
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	sw	s0, 8(sp)                       # 4-byte Folded Spill
	sw	s1, 4(sp)                       # 4-byte Folded Spill
	.cfi_offset ra, -4
	.cfi_offset s0, -8
	.cfi_offset s1, -12
	mv	s1, a0
	call	entered@plt
	mv	s0, a0
.Ltmp9:
	mv	a0, s1
	call	inner@plt
.Ltmp10:
# %bb.1:
	slli	s0, a0, 1
.LBB1_2:
	mv	a0, s0
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	lw	s0, 8(sp)                       # 4-byte Folded Reload
	lw	s1, 4(sp)                       # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.LBB1_3:
.Ltmp11:
	li	a2, 1
	bne	a1, a2, .LBB1_5
# %bb.4:
	call	__cxa_begin_catch@plt
	addi	s0, s0, -1
	call	__cxa_end_catch@plt
	j	.LBB1_2
.LBB1_5:
	call	_Unwind_Resume@plt
.Lfunc_end1:
	.size	catch_int, .Lfunc_end1-catch_int
	.cfi_endproc
	.section	.gcc_except_table,"a",@progbits
	.p2align	2
GCC_except_table1:
.Lexception1:
	.byte	255                             # @LPStart Encoding = omit
	.byte	155                             # @TType Encoding = indirect pcrel sdata4
	.uleb128 .Lttbase1-.Lttbaseref1
.Lttbaseref1:
	.byte	3                               # Call site Encoding = udata4
	.uleb128 .Lcst_end1-.Lcst_begin1
.Lcst_begin1:
	.word	.Lfunc_begin1-.Lfunc_begin1     # >> Call Site 1 <<
	.word	.Ltmp9-.Lfunc_begin1            #   Call between .Lfunc_begin1 and .Ltmp9
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
	.word	.Ltmp9-.Lfunc_begin1            # >> Call Site 2 <<
	.word	.Ltmp10-.Ltmp9                  #   Call between .Ltmp9 and .Ltmp10
	.word	.Ltmp11-.Lfunc_begin1           #     jumps to .Ltmp11
	.byte	3                               #   On action: 2
	.word	.Ltmp10-.Lfunc_begin1           # >> Call Site 3 <<
	.word	.Lfunc_end1-.Ltmp10             #   Call between .Ltmp10 and .Lfunc_end1
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
.Lcst_end1:
	.byte	0                               # >> Action Record 1 <<
                                        #   Cleanup
	.byte	0                               #   No further actions
	.byte	1                               # >> Action Record 2 <<
                                        #   Catch TypeInfo 1
	.byte	125                             #   Continue to action 1
	.p2align	2
                                        # >> Catch TypeInfos <<
.Ltmp12:                                # TypeInfo 1
	.word	.L_ZTIi.DW.stub-.Ltmp12
.Lttbase1:
	.p2align	2
                                        # -- End function
	.text
	.globl	catch_long                      # -- Begin function catch_long
	.p2align	2
	.type	catch_long,@function
catch_long:                             # @catch_long
.Lfunc_begin2:
	.cfi_startproc
	.cfi_personality 155, DW.ref.__gxx_personality_v0
	.cfi_lsda 27, .Lexception2
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	.cfi_offset ra, -4
.Ltmp13:
	call	inner@plt
.Ltmp14:
# %bb.1:
	slli	a1, a0, 1
	add	a0, a1, a0
.LBB2_2:
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.LBB2_3:
.Ltmp15:
	call	__cxa_begin_catch@plt
	call	__cxa_end_catch@plt
	li	a0, -3
	j	.LBB2_2
.Lfunc_end2:
	.size	catch_long, .Lfunc_end2-catch_long
	.cfi_endproc
	.section	.gcc_except_table,"a",@progbits
	.p2align	2
GCC_except_table2:
.Lexception2:
	.byte	255                             # @LPStart Encoding = omit
	.byte	155                             # @TType Encoding = indirect pcrel sdata4
	.uleb128 .Lttbase2-.Lttbaseref2
.Lttbaseref2:
	.byte	3                               # Call site Encoding = udata4
	.uleb128 .Lcst_end2-.Lcst_begin2
.Lcst_begin2:
	.word	.Ltmp13-.Lfunc_begin2           # >> Call Site 1 <<
	.word	.Ltmp14-.Ltmp13                 #   Call between .Ltmp13 and .Ltmp14
	.word	.Ltmp15-.Lfunc_begin2           #     jumps to .Ltmp15
	.byte	1                               #   On action: 1
	.word	.Ltmp14-.Lfunc_begin2           # >> Call Site 2 <<
	.word	.Lfunc_end2-.Ltmp14             #   Call between .Ltmp14 and .Lfunc_end2
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
.Lcst_end2:
	.byte	1                               # >> Action Record 1 <<
                                        #   Catch TypeInfo 1
	.byte	0                               #   No further actions
	.p2align	2
                                        # >> Catch TypeInfos <<
.Ltmp16:                                # TypeInfo 1
	.word	.L_ZTIl.DW.stub-.Ltmp16
.Lttbase2:
	.p2align	2
                                        # -- End function
	.text
	.globl	catch_all                       # -- Begin function catch_all
	.p2align	2
	.type	catch_all,@function
catch_all:                              # @catch_all
.Lfunc_begin3:
	.cfi_startproc
	.cfi_personality 155, DW.ref.__gxx_personality_v0
	.cfi_lsda 27, .Lexception3
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	sw	s0, 8(sp)                       # 4-byte Folded Spill
	sw	s1, 4(sp)                       # 4-byte Folded Spill
	.cfi_offset ra, -4
	.cfi_offset s0, -8
	.cfi_offset s1, -12
	mv	s1, a0
	call	entered@plt
	mv	s0, a0
.Ltmp17:
	mv	a0, s1
	call	inner@plt
.Ltmp18:
# %bb.1:
	slli	s0, a0, 2
.LBB3_2:
	mv	a0, s0
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	lw	s0, 8(sp)                       # 4-byte Folded Reload
	lw	s1, 4(sp)                       # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.LBB3_3:
.Ltmp19:
	call	__cxa_begin_catch@plt
	addi	s0, s0, -2
	call	__cxa_end_catch@plt
	j	.LBB3_2
.Lfunc_end3:
	.size	catch_all, .Lfunc_end3-catch_all
	.cfi_endproc
	.section	.gcc_except_table,"a",@progbits
	.p2align	2
GCC_except_table3:
.Lexception3:
	.byte	255                             # @LPStart Encoding = omit
	.byte	155                             # @TType Encoding = indirect pcrel sdata4
	.uleb128 .Lttbase3-.Lttbaseref3
.Lttbaseref3:
	.byte	3                               # Call site Encoding = udata4
	.uleb128 .Lcst_end3-.Lcst_begin3
.Lcst_begin3:
	.word	.Lfunc_begin3-.Lfunc_begin3     # >> Call Site 1 <<
	.word	.Ltmp17-.Lfunc_begin3           #   Call between .Lfunc_begin3 and .Ltmp17
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
	.word	.Ltmp17-.Lfunc_begin3           # >> Call Site 2 <<
	.word	.Ltmp18-.Ltmp17                 #   Call between .Ltmp17 and .Ltmp18
	.word	.Ltmp19-.Lfunc_begin3           #     jumps to .Ltmp19
	.byte	1                               #   On action: 1
	.word	.Ltmp18-.Lfunc_begin3           # >> Call Site 3 <<
	.word	.Lfunc_end3-.Ltmp18             #   Call between .Ltmp18 and .Lfunc_end3
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
.Lcst_end3:
	.byte	1                               # >> Action Record 1 <<
                                        #   Catch TypeInfo 1
	.byte	0                               #   No further actions
	.p2align	2
                                        # >> Catch TypeInfos <<
	.word	0                               # TypeInfo 1
.Lttbase3:
	.p2align	2
                                        # -- End function
	.text
	.globl	no_catch                        # -- Begin function no_catch
	.p2align	2
	.type	no_catch,@function
no_catch:                               # @no_catch
	.cfi_startproc
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	.cfi_offset ra, -4
	call	inner@plt
	addi	a0, a0, 5
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.Lfunc_end4:
	.size	no_catch, .Lfunc_end4-no_catch
	.cfi_endproc
                                        # -- End function
	.globl	nested                          # -- Begin function nested
	.p2align	2
	.type	nested,@function
nested:                                 # @nested
.Lfunc_begin4:
	.cfi_startproc
	.cfi_personality 155, DW.ref.__gxx_personality_v0
	.cfi_lsda 27, .Lexception4
# %bb.0:
	addi	sp, sp, -16
	.cfi_def_cfa_offset 16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	.cfi_offset ra, -4
.Ltmp20:
	call	inner@plt
.Ltmp21:
# %bb.1:
	slli	a1, a0, 1
	add	a0, a1, a0
	addi	a0, a0, 7
.LBB5_2:
	lw	ra, 12(sp)                      # 4-byte Folded Reload
	addi	sp, sp, 16
	ret
.LBB5_3:
.Ltmp22:
	li	a2, 2
	bne	a1, a2, .LBB5_5
# %bb.4:
	call	__cxa_begin_catch@plt
	call	__cxa_end_catch@plt
	li	a0, 4
	j	.LBB5_2
.LBB5_5:
	call	__cxa_begin_catch@plt
	call	__cxa_end_catch@plt
	li	a0, -4
	j	.LBB5_2
.Lfunc_end5:
	.size	nested, .Lfunc_end5-nested
	.cfi_endproc
	.section	.gcc_except_table,"a",@progbits
	.p2align	2
GCC_except_table5:
.Lexception4:
	.byte	255                             # @LPStart Encoding = omit
	.byte	155                             # @TType Encoding = indirect pcrel sdata4
	.uleb128 .Lttbase4-.Lttbaseref4
.Lttbaseref4:
	.byte	3                               # Call site Encoding = udata4
	.uleb128 .Lcst_end4-.Lcst_begin4
.Lcst_begin4:
	.word	.Ltmp20-.Lfunc_begin4           # >> Call Site 1 <<
	.word	.Ltmp21-.Ltmp20                 #   Call between .Ltmp20 and .Ltmp21
	.word	.Ltmp22-.Lfunc_begin4           #     jumps to .Ltmp22
	.byte	3                               #   On action: 2
	.word	.Ltmp21-.Lfunc_begin4           # >> Call Site 2 <<
	.word	.Lfunc_end5-.Ltmp21             #   Call between .Ltmp21 and .Lfunc_end5
	.word	0                               #     has no landing pad
	.byte	0                               #   On action: cleanup
.Lcst_end4:
	.byte	1                               # >> Action Record 1 <<
                                        #   Catch TypeInfo 1
	.byte	0                               #   No further actions
	.byte	2                               # >> Action Record 2 <<
                                        #   Catch TypeInfo 2
	.byte	125                             #   Continue to action 1
	.p2align	2
                                        # >> Catch TypeInfos <<
.Ltmp23:                                # TypeInfo 2
	.word	.L_ZTIl.DW.stub-.Ltmp23
.Ltmp24:                                # TypeInfo 1
	.word	.L_ZTIi.DW.stub-.Ltmp24
.Lttbase4:
	.p2align	2
                                        # -- End function
	.section	.text.__clang_call_terminate,"axG",@progbits,__clang_call_terminate,comdat
	.hidden	__clang_call_terminate          # -- Begin function __clang_call_terminate
	.weak	__clang_call_terminate
	.p2align	2
	.type	__clang_call_terminate,@function
__clang_call_terminate:                 # @__clang_call_terminate
# %bb.0:
	addi	sp, sp, -16
	sw	ra, 12(sp)                      # 4-byte Folded Spill
	call	__cxa_begin_catch@plt
	call	_ZSt9terminatev@plt
.Lfunc_end6:
	.size	__clang_call_terminate, .Lfunc_end6-__clang_call_terminate
                                        # -- End function
	.data
	.p2align	2
.L_ZTIi.DW.stub:
	.word	_ZTIi
.L_ZTIl.DW.stub:
	.word	_ZTIl
	.hidden	DW.ref.__gxx_personality_v0
	.weak	DW.ref.__gxx_personality_v0
	.section	.data.DW.ref.__gxx_personality_v0,"aGw",@progbits,DW.ref.__gxx_personality_v0,comdat
	.p2align	2
	.type	DW.ref.__gxx_personality_v0,@object
	.size	DW.ref.__gxx_personality_v0, 4
DW.ref.__gxx_personality_v0:
	.word	__gxx_personality_v0
	.ident	"Debian clang version 14.0.6"
	.section	".note.GNU-stack","",@progbits
	.addrsig
	.addrsig_sym __gxx_personality_v0
	.addrsig_sym _Unwind_Resume
	.addrsig_sym _ZTIi
	.addrsig_sym _ZTIl
